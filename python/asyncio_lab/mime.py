"""MIME types spoken to frontends.  Each literal is defined once per language:
the TypeScript side defines the same strings and a test on each side asserts them."""

CHECK_MIME = "application/vnd.asyncio-lab.check+json"
CHECK_PAYLOAD_VERSION = 1

TIMELINE_MIME = "application/vnd.asyncio-lab.timeline+json"
TIMELINE_PAYLOAD_VERSION = 1

CALLGRAPH_MIME = "application/vnd.asyncio-lab.callgraph+json"
CALLGRAPH_PAYLOAD_VERSION = 1

COACH_MIME = "application/vnd.asyncio-lab.coach+json"
COACH_PAYLOAD_VERSION = 1
