"""The head-office sync server: FastAPI app, database, migrations and admin CLI.

Shares only ``sync.protocol`` with the client; never imports ``fieldapp``, ``sync.client``
or ``ui``. Threading: see each module; the app serves requests from a thread pool.
"""
