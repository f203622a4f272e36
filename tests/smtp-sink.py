#!/usr/bin/python3
# smtp-sink.py - a real SMTP server on loopback that keeps every message as
# a file, for the tests and the local stack (Debian's python3-aiosmtpd;
# /usr/bin/python3 on purpose, so a pyenv or venv python does not hide it).
#
#   smtp-sink.py --port N --dir DIR [--host 127.0.0.1] [--pid-file F]
#
# Every accepted message becomes DIR/<ns since epoch>-<pid>-<seq>.eml
# (names sort in arrival order), written to a dot-file first and renamed,
# so a reader never sees half a message. The file is one line
# "X-Dimos-Rcpt: <address>" per envelope recipient, then the message bytes
# exactly as received (CRLF line ends, dot-stuffing already undone).
#
# Simulating a relay in trouble without stopping it:
#   DIR/.reject            every RCPT and DATA gets 451 4.3.0 (temporary)
#   DIR/.reject-permanent  every RCPT and DATA gets 550 5.1.1 (permanent)
#
# SMTPUTF8 and 8BITMIME are accepted. SIGTERM or SIGINT stops it (exit 0).
import argparse
import asyncio
import itertools
import os
import signal
import sys
import time

from aiosmtpd.smtp import SMTP

TEMPORARY = '451 4.3.0 try again later'
PERMANENT = '550 5.1.1 mailbox unavailable'


class Sink:
    def __init__(self, directory):
        self.dir = directory
        self.seq = itertools.count(1)

    def refusal(self):
        if os.path.exists(os.path.join(self.dir, '.reject-permanent')):
            return PERMANENT
        if os.path.exists(os.path.join(self.dir, '.reject')):
            return TEMPORARY
        return None

    async def handle_RCPT(self, server, session, envelope, address,
                          options):
        refusal = self.refusal()
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return '250 2.1.5 OK'

    async def handle_DATA(self, server, session, envelope):
        refusal = self.refusal()
        if refusal:
            return refusal
        name = '%020d-%d-%06d.eml' % (time.time_ns(), os.getpid(),
                                      next(self.seq))
        head = b''.join(b'X-Dimos-Rcpt: ' + r.encode('utf-8') + b'\r\n'
                        for r in envelope.rcpt_tos)
        tmp = os.path.join(self.dir, '.' + name + '.tmp')
        with open(tmp, 'wb') as f:
            f.write(head + envelope.original_content)
        os.rename(tmp, os.path.join(self.dir, name))
        print('smtp-sink: %s for %s' % (name, ', '.join(envelope.rcpt_tos)),
              flush=True)
        return '250 2.0.0 OK queued as ' + name


async def serve(args):
    os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args.dir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, enable_SMTPUTF8=True, decode_data=False,
                     hostname='smtp-sink.localhost', loop=loop),
        host=args.host, port=args.port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if args.pid_file:
        with open(args.pid_file, 'w') as f:
            f.write('%d\n' % os.getpid())
    print('smtp-sink: listening on %s:%d, writing to %s'
          % (args.host, args.port, args.dir), flush=True)
    try:
        await stop.wait()
    finally:
        server.close()
        await server.wait_closed()
        if args.pid_file:
            try:
                os.unlink(args.pid_file)
            except FileNotFoundError:
                pass


def main():
    p = argparse.ArgumentParser(description='SMTP sink for Dimos tests')
    p.add_argument('--port', type=int, required=True)
    p.add_argument('--dir', required=True)
    p.add_argument('--host', default='127.0.0.1')
    p.add_argument('--pid-file')
    asyncio.run(serve(p.parse_args()))
    return 0


if __name__ == '__main__':
    sys.exit(main())
