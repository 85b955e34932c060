"""An aiosmtpd server in its own process, so a test can pause it (SIGSTOP) like a hung mail server.

    python -m tests.reminders.smtp_process PORT LOGFILE

Each accepted message is appended to LOGFILE as one JSON line (recipients, subject, Message-ID).
"""
import json
import sys
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Log:
    def __init__(self, path: str):
        self.path = path

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with open(self.path, "a") as handle:
            handle.write(json.dumps({"rcpt": list(envelope.rcpt_tos), "subject": str(message["subject"]).strip(),
                                     "message_id": str(message["message-id"])}) + "\n")
        return "250 2.0.0 Accepted"


def main(port: int, path: str) -> None:
    controller = Controller(Log(path), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
