"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1) that collects what it accepts.

Faults are scripted: `tempfail` answers 451 to the next N messages (4xx: try again),
`reject` answers 550 to some recipients (5xx: permanent), `rcpt_delay` slows every
RCPT so a sender can be killed mid-message.
"""
import asyncio
import email
import email.policy
import re
import socket
import threading
import time
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

LINK = re.compile(r"/nhiem-vu/(\d+)/")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    rcpt_tos: list
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        # Django folds long encoded subjects right after "Subject:"; unfolding leaves one leading space.
        return str(self.message["subject"]).strip()

    @property
    def to(self) -> str:
        return str(self.message["to"])

    @property
    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(("html",)).get_content()

    @property
    def task_ids(self) -> set[int]:
        return {int(x) for x in LINK.findall(self.text)}


@dataclass
class Collector:
    messages: list = field(default_factory=list)
    tempfail: int = 0
    reject: set = field(default_factory=set)
    rcpt_delay: float = 0.0
    refused: int = 0
    in_rcpt: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self):
        with self.lock:
            self.messages.clear()
            self.tempfail, self.reject, self.rcpt_delay, self.refused = 0, set(), 0.0, 0
            self.in_rcpt.clear()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_delay:
            self.in_rcpt.set()
            await asyncio.sleep(self.rcpt_delay)
        if address.lower() in self.reject:
            self.refused += 1
            return "550 5.1.1 Hộp thư không tồn tại".encode().decode("ascii", "replace")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.tempfail > 0:
                self.tempfail -= 1
                self.refused += 1
                return "451 4.3.0 Máy chủ bận, thử lại sau".encode().decode("ascii", "replace")
            msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
            self.messages.append(Received(list(envelope.rcpt_tos), msg))
        return "250 2.0.0 Accepted"

    def to(self, address: str) -> list[Received]:
        return [m for m in list(self.messages) if address in m.rcpt_tos]

    def wait(self, count: int, timeout: float = 30.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.messages) < count:
            time.sleep(0.05)
        return list(self.messages)


def start_smtp() -> tuple[Controller, Collector]:
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, collector
