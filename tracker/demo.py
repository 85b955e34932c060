"""Demo logins' passwords: from DEMO_PASSWORD if the office set one, else generated per install.

Nothing here is published: a generated password is printed once, when its login is created,
and every demo login must change its password at first sign-in.
"""
import os
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"  # no 0/O, 1/l/I to misread


def demo_password() -> str:
    """The password for one new demo login."""
    configured = os.environ.get("DEMO_PASSWORD", "").strip()
    if configured:
        return configured
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))


def set_demo_password(user) -> str:
    """Give a new demo login its password (change required at first login); returns it to print once."""
    password = demo_password()
    user.set_password(password)
    user.must_change_password = True
    return password
