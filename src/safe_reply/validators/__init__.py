"""The built-in validators, one package each: trade_secrets, claims, disclosure.

Each package exports `SPEC` (safe_reply.contracts.ValidatorSpec) and is registered in the entry-point
group `safe_reply.validators` (safe_reply.registry). Nothing here is imported by `import safe_reply`.
"""
