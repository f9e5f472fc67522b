"""MIME types spoken to frontends.  Each literal is defined once per language:
the TypeScript side defines the same strings and a test on each side asserts them."""

CHECK_MIME = "application/vnd.asyncio-lab.check+json"
CHECK_PAYLOAD_VERSION = 1
