"""The browser side of `supple serve`: the guarded server and its page (needs the serve extra)."""
