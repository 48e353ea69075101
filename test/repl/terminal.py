"""Runs a command in a pseudo-terminal (100x24), copying our stdin to it and its output to our stdout.

Test helper for the REPL: node sees a real terminal (raw mode, prompts, arrow keys, Ctrl-C) without any native
module. Exits with the command's exit code.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

pid, master = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    os.execvp(sys.argv[1], sys.argv[1:])

inputs = [sys.stdin.fileno()]
while True:
    ready, _, _ = select.select([master] + inputs, [], [])
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the command has exited and closed the terminal
            break
        if not data:
            break
        os.write(sys.stdout.fileno(), data)
    if inputs and inputs[0] in ready:
        data = os.read(inputs[0], 65536)
        if data:
            os.write(master, data)
        else:
            inputs = []

_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
