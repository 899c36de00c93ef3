"""Sync with head office: the shared wire format (``protocol``), the client and the server.

The client consumes the store's outbox (``fieldapp.store.outbox``); the server
shares nothing with it but the wire format.
"""
