"""aiosmtpd handler for Hearken's mail tests: keeps every message in a directory.

Started by SmtpTestServer (smtp_test_server.h) as
    /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink DIR
with this directory on PYTHONPATH. For message number N it writes, in DIR:
  N.eml   the message data exactly as received (after dot-unstuffing)
  N.json  the envelope and what Python's own mail parser (email.policy.default)
          decodes from it: header values, the text body, parser defects
The .json file is renamed into place last, so a reader that sees it finds both.

Scripted refusals, chosen by the recipient's local part, let tests exercise
error paths: "rcpt451..." and "rcpt550..." refuse the recipient with that
reply, "data451..." and "data554..." accept the data and then refuse it.
"""

import email
import email.policy
import itertools
import json
import os


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink takes one argument, the message directory")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("rcpt451"):
            return "451 4.3.0 try again later (scripted)"
        if local.startswith("rcpt550"):
            return "550 5.1.1 no such user (scripted)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        local = envelope.rcpt_tos[0].split("@")[0].lower() if envelope.rcpt_tos else ""
        if local.startswith("data451"):
            return "451 4.3.0 try again later (scripted)"
        if local.startswith("data554"):
            return "554 5.6.0 message refused (scripted)"
        data = envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        n = next(self.counter)
        base = os.path.join(self.directory, "%06d" % n)
        with open(base + ".eml", "wb") as f:
            f.write(data)
        record = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}
        try:
            message = email.message_from_bytes(data, policy=email.policy.default)
            record["headers"] = [[name, str(value)] for name, value in message.items()]
            record["defects"] = [repr(d) for d in message.defects]
            for name, value in message.items():
                record["defects"] += ["%s: %r" % (name, d) for d in getattr(value, "defects", ())]
            part = message.get_body(preferencelist=("plain",))
            body = part.get_content() if part is not None else ""
            record["body"] = body.replace("\r\n", "\n")
            record["content_type"] = message.get_content_type()
            record["charset"] = message.get_content_charset() or ""
        except Exception as e:  # keep the raw message; report why it did not parse
            record["defects"] = record.get("defects", []) + ["parse failed: %r" % e]
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 OK"
