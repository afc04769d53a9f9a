"""The `complaints` command: run the embedded suite, look at it, generate the published specs."""
