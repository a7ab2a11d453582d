"""OpenID4VCI (receive) and OpenID4VP (respond): protocol clients over bounded HTTP (http.py)."""
