"""The Qt desktop app.  Thin: every action calls wallet.service on the database worker."""
