"""A real SMTP server on loopback for tests, and Django pointed at it.

`smtp_sink` starts an aiosmtpd Controller on 127.0.0.1 with a free port and overrides the
settings so that Django's SMTP EmailBackend delivers there; each received message is parsed
into an `email.message.EmailMessage`. `closed_port` gives a port nobody listens on, for a mail
server that is down. Import `smtp_sink_fixture` / `closed_port_fixture` into a test module to
use the fixtures `smtp_sink` / `closed_port`.
"""

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def smtp_settings(port):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
    )


@dataclass
class Received:
    envelope_from: str
    envelope_to: list[str]
    message: email.message.EmailMessage

    @property
    def text(self):
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content().replace("\r\n", "\n") if part else ""

    @property
    def html(self):
        part = self.message.get_body(preferencelist=("html",))
        return part.get_content().replace("\r\n", "\n") if part else ""


@dataclass
class SmtpSink:
    port: int = 0
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [received for received in self.messages if address in received.envelope_to]

    def clear(self):
        with self.lock:
            self.messages.clear()


def start_sink(port=None):
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port or free_port(), ready_timeout=10)
    controller.start()
    sink.port = controller.port
    return sink, controller


@pytest.fixture(name="smtp_sink")
def smtp_sink_fixture():
    """A running SMTP server on loopback; Django's SMTP backend points at it for the test."""
    sink, controller = start_sink()
    try:
        with smtp_settings(sink.port):
            yield sink
    finally:
        controller.stop()


@pytest.fixture(name="closed_port")
def closed_port_fixture():
    """Django's SMTP backend pointed at a loopback port where nothing listens: the server is down."""
    port = free_port()
    with smtp_settings(port):
        yield port
