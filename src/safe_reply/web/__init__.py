"""The web review for compliance staff (`safe-reply review --web`) and the HTML report (`safe-reply report`).

Needs the `review` extra (Starlette, Jinja2, uvicorn, argon2-cffi, cryptography, openpyxl); nothing
here is imported by `import safe_reply` or by the guard.
"""
