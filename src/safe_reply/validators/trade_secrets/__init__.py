"""Trade secrets (GeschGehG §2): protected terms and patterns of a company, in any spelling."""

from safe_reply.validators.trade_secrets.build import SPEC, build
from safe_reply.validators.trade_secrets.config import Settings
from safe_reply.validators.trade_secrets.validator import LEGAL_BASIS, Leak, TradeSecretValidator

__all__ = ["LEGAL_BASIS", "SPEC", "Leak", "Settings", "TradeSecretValidator", "build"]
