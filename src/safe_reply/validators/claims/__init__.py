"""Product claims (UWG §5, §6, BGB §443, HWG, EmpCo): risky claims the product facts do not back."""

from safe_reply.validators.claims.validator import JUDGE_RULE_ID, SPEC, ClaimsValidator, JudgeSettings, Settings, build

__all__ = ["JUDGE_RULE_ID", "SPEC", "ClaimsValidator", "JudgeSettings", "Settings", "build"]
