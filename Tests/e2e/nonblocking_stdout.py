"""Runs a command with its standard output a pipe whose write end is non-blocking (as some parents leave it),
reads it slowly so that the pipe fills, and prints the SHA-256 of everything read and the command's status.

    python3 nonblocking_stdout.py COMMAND [ARG...]
"""
import fcntl
import hashlib
import os
import subprocess
import sys
import time

read_end, write_end = os.pipe()
fcntl.fcntl(write_end, fcntl.F_SETFL, fcntl.fcntl(write_end, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=write_end)
os.close(write_end)
digest = hashlib.sha256()
time.sleep(0.3)  # the pipe fills while nobody reads
while True:
    chunk = os.read(read_end, 16384)
    if not chunk:
        break
    digest.update(chunk)
    time.sleep(0.001)
print(digest.hexdigest(), child.wait())
