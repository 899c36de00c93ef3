"""Head office's web console, served by the sync server under ``/console``.

Server-rendered pages (Jinja2 templates in ``templates/``, one stylesheet, a few lines of
JavaScript, no build step) for admins and ``head_office`` accounts: sign-in with the
API's argon2 passwords and login throttle (``logins.LoginGate.check``), teams and
people, devices, sync health, master data (counties, products) by form and by
spreadsheet with a preview per row (``fieldapp.exchange.import_master``), and the
all-teams export. Every write calls the same service functions the CLI and the API
use. Sessions and CSRF: ``session``; words in both languages: ``words``.
"""

from .pages import install

__all__ = ["install"]
