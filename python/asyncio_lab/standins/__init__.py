"""Faithful stand-ins for what a browser tab does not have (sockets, threads, signals).

On CPython each module uses the real facility; on Pyodide it drives the same asyncio
objects (protocols, StreamReader/StreamWriter, futures) through an in-process
substitute, so a learner's code is the same on both.  Every module says which one
is running with its ``describe()``.
"""
