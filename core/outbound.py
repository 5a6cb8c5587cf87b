"""Fetching a resource from an address someone typed (a partner's feed), safely.

An address an editor types is one the server follows, so it must neither open a way into the
network the site runs in (server-side request forgery) nor let a hostile server hold a worker:

- only http and https, with a host, a port in 1..65535 and no user name or password;
- the host is resolved once and every address it resolves to must be public (`is_internal`);
  the connection then goes to the address that was checked, so a second lookup cannot be
  answered differently (DNS rebinding), with the original Host header and, over https, the
  certificate verified against the original host name;
- redirects are followed here, each new address checked the same way, loops and long chains
  refused;
- connect, read and total deadlines: the total one shuts the socket down when it passes, so a
  server that drips bytes (into the headers, the TLS handshake or the body) cannot stretch it;
- the body is decoded (gzip, deflate) while it streams and cut at `max_bytes`, decompression
  bombs included.

Any HTTP status is an answer, returned for the caller to judge (304, 404, 500...); everything
else that goes wrong is an `OutboundError`, whose text is a short English sentence for the log
and the fetch log. Proxies from the environment are not used: a proxy would resolve the host
again, out of reach of the check.
"""

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings
from urllib3 import HTTPHeaderDict
from urllib3 import exceptions as urllib3_errors
from urllib3.connection import HTTPConnection, HTTPSConnection

DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Decoded bytes asked for at a time while the body streams.
CHUNK_SIZE = 64 * 1024
#: Seconds `check_url` waits for the host name to resolve.
CHECK_URL_LOOKUP_TIMEOUT = 5.0
#: Headers the client sets itself: a caller's Host would undo the pinning, its Accept-Encoding
#: could ask for an encoding that is not decoded.
CLIENT_HEADERS = frozenset({"host", "accept-encoding"})
#: An ASCII host name (after IDNA): letters, digits, hyphens and underscores between dots.
HOST_NAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?")
#: Characters left as they are in a request's path and query; the others are percent-encoded.
SAFE_IN_PATH = "/%:@!$&'()*+,;=~"
SAFE_IN_QUERY = SAFE_IN_PATH + "?"

# Ranges `is_global` does not (or not on every Python version) treat as internal.
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT
THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")  # IPv6 addresses that stand for an IPv4 one


class OutboundError(Exception):
    """A fetch that brought no answer; `str(error)` is a short English sentence for the log."""


class RefusedAddress(OutboundError):
    """Not an http(s) address with a host, credentials in it, or a host that resolves to an internal address."""


class TooManyRedirects(OutboundError):
    """More redirects than allowed, or redirects that loop."""


class ResponseTooLarge(OutboundError):
    """A body larger than allowed once decoded (a gzip bomb included)."""


class FetchTimeout(OutboundError):
    """No connection, no answer, or no whole answer in time."""


class NetworkError(OutboundError):
    """A host name that does not resolve, a connection refused or broken, a TLS failure, malformed HTTP."""


@dataclass(frozen=True)
class OutboundResponse:
    url: str  # the final address, after redirects
    status: int  # any status: the caller decides what it means
    headers: HTTPHeaderDict  # case-insensitive
    body: bytes  # decoded, at most max_bytes; b"" for 304


@dataclass(frozen=True)
class Target:
    """An address taken apart and resolved: where to connect and what to ask for."""

    url: str
    scheme: str
    host: str  # an ASCII host name, or an IP address without brackets
    port: int
    path: str  # path and query, percent-encoded
    addresses: tuple  # what the host resolved to, in the resolver's order

    @property
    def host_header(self):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def identity(self):
        """What two addresses share when they ask for the same thing (the fragment left out)."""
        return (self.scheme, self.host, self.port, self.path)


def is_internal(address):
    """Whether an address is in a range the site must not reach on an editor's word.

    Loopback, private (RFC 1918, fc00::/7), link-local (169.254.0.0/16 with the cloud metadata
    address, fe80::/10), site-local, unspecified, multicast, reserved, carrier-grade NAT,
    0.0.0.0/8, documentation and benchmarking ranges: everything that is not globally reachable.
    An IPv6 address that stands for an IPv4 one (IPv4-mapped, 6to4, NAT64) is judged by the IPv4
    address it carries, which is where a connection to it ends up.
    """
    if isinstance(address, str):
        address = ipaddress.ip_address(address)
    if isinstance(address, ipaddress.IPv6Address):
        carried = address.ipv4_mapped or address.sixtofour
        if carried is None and address in NAT64_PREFIX:
            carried = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if carried is not None:
            return is_internal(carried)
        if address.is_site_local:
            return True
    elif address in SHARED_ADDRESS_SPACE or address in THIS_NETWORK:
        return True
    return (
        not address.is_global
        or address.is_multicast
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


def host_of(hostname):
    """The ASCII form of a host name (IDNA), or the compressed form of an IP address."""
    try:
        return ipaddress.ip_address(hostname).compressed
    except ValueError:
        pass
    try:
        host = hostname.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise RefusedAddress("The host name is not valid.") from error
    if len(host) > 253 or not HOST_NAME.fullmatch(host):
        raise RefusedAddress("The host name is not valid.")
    return host


def split_url(url):
    """(scheme, host, port, path) of an address fetch() may ask for; RefusedAddress otherwise."""
    if not isinstance(url, str) or not url.strip():
        raise RefusedAddress("The address is empty.")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise RefusedAddress(f"The address cannot be read ({error}).") from error
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise RefusedAddress(f"Only http and https addresses can be fetched, not {scheme or 'one without a scheme'}.")
    if "@" in parts.netloc:
        raise RefusedAddress("The address contains a user name or a password.")
    if not parts.hostname:
        raise RefusedAddress("The address has no host.")
    if port is None:
        port = DEFAULT_PORTS[scheme]
    elif not 1 <= port <= 65535:
        raise RefusedAddress(f"The port {port} is outside 1-65535.")
    host = host_of(parts.hostname)
    path = quote(parts.path, safe=SAFE_IN_PATH) or "/"
    if parts.query:
        path = f"{path}?{quote(parts.query, safe=SAFE_IN_QUERY)}"
    return scheme, host, port, path


def resolve(host, port, timeout):
    """The addresses a host name resolves to (one lookup, waited for at most `timeout` seconds)."""
    try:
        return (ipaddress.ip_address(host),)
    except ValueError:
        pass
    # getaddrinfo cannot be given a timeout: it runs in a thread of its own, left to finish
    # (and be forgotten) if the resolver takes longer than the fetch may wait.
    outcome = {}
    finished = threading.Event()

    def look_up():
        try:
            outcome["answers"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            outcome["error"] = error
        finally:
            finished.set()

    threading.Thread(target=look_up, name="outbound-lookup", daemon=True).start()
    if not finished.wait(timeout):
        raise FetchTimeout(f"The host name {host} did not resolve within {timeout:g} s.")
    if "error" in outcome:
        raise NetworkError(f"The host name {host} could not be resolved.")
    addresses = []
    for family, _type, _protocol, _name, socket_address in outcome["answers"]:
        if family in (socket.AF_INET, socket.AF_INET6):
            address = ipaddress.ip_address(socket_address[0])
            if address not in addresses:
                addresses.append(address)
    if not addresses:
        raise NetworkError(f"The host name {host} has no IP address.")
    return tuple(addresses)


def resolve_url(url, *, allow_internal, timeout):
    """The Target of an address, refused (RefusedAddress) if any address of its host is internal."""
    scheme, host, port, path = split_url(url)
    addresses = resolve(host, port, timeout)
    if not allow_internal:
        internal = [address for address in addresses if is_internal(address)]
        if internal:
            if internal[0].compressed == host:
                raise RefusedAddress(f"{host} is an internal address.")
            raise RefusedAddress(f"{host} resolves to an internal address ({internal[0]}).")
    return Target(url=url, scheme=scheme, host=host, port=port, path=path, addresses=addresses)


def check_url(url, allow_internal=None):
    """Refuse (RefusedAddress) an address fetch() would refuse before connecting.

    The host is resolved and every address it resolves to is checked; a host that does not
    resolve raises NetworkError. `allow_internal=None` follows OUTBOUND_ALLOW_INTERNAL_ADDRESSES.
    """
    if allow_internal is None:
        allow_internal = settings.OUTBOUND_ALLOW_INTERNAL_ADDRESSES
    resolve_url(url, allow_internal=allow_internal, timeout=CHECK_URL_LOOKUP_TIMEOUT)


def shut_down(sock):
    """Shut a socket down, so that a read blocked on it in another thread returns at once."""
    if sock is None:
        return
    # The plain socket's shutdown, also for a TLS socket: the TLS layer belongs to the thread
    # reading, only the descriptor is shut. A socket already closed has nothing to shut.
    with suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Deadline:
    """The moment a fetch must be over.

    Socket timeouts bound each wait, not their sum: a server that sends a byte just before each
    read timeout would never time out. When the deadline passes, the socket the fetch uses is shut
    down, which ends any read blocked on it.
    """

    def __init__(self, seconds):
        self.seconds = seconds
        self.ends_at = time.monotonic() + seconds
        self.expired = False
        self.lock = threading.Lock()
        self.socket_in_use = None  # callable returning the socket to shut down
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True
        self.timer.start()

    def error(self):
        return FetchTimeout(f"The fetch took longer than {self.seconds:g} s.")

    def remaining(self):
        """Seconds left; FetchTimeout when there are none."""
        left = self.ends_at - time.monotonic()
        if self.expired or left <= 0:
            raise self.error()
        return left

    def check(self):
        self.remaining()

    def watch(self, socket_in_use):
        with self.lock:
            self.socket_in_use = socket_in_use
            if self.expired:
                shut_down(socket_in_use())

    def expire(self):
        with self.lock:
            self.expired = True
            if self.socket_in_use is not None:
                shut_down(self.socket_in_use())

    def cancel(self):
        self.timer.cancel()


def request_headers(extra):
    """The headers of every request of a fetch: the client's own and the caller's (an empty
    value, such as the ETag of a feed that gave none, is left out)."""
    headers = HTTPHeaderDict({"User-Agent": f"{settings.WAGTAIL_SITE_NAME} feed reader", "Accept": "*/*"})
    for name, value in (extra or {}).items():
        if value not in (None, "") and name.lower() not in CLIENT_HEADERS:
            headers[name] = value
    headers["Accept-Encoding"] = "gzip, deflate"
    return headers


def new_connection(target, address, timeout):
    """A connection to one checked address of the target, not yet open."""
    if target.scheme == "https":
        # SNI and the certificate check use the host name, not the address connected to.
        return HTTPSConnection(
            address.compressed,
            target.port,
            timeout=timeout,
            server_hostname=target.host,
            ssl_context=ssl.create_default_context(),
        )
    return HTTPConnection(address.compressed, target.port, timeout=timeout)


@contextmanager
def exchange(target, headers, deadline, connect_timeout, read_timeout):
    """Send the request to the first address of the target that accepts a connection and yield
    the response, its headers read and its body not; the connection is closed afterwards."""
    connection = None
    try:
        for position, address in enumerate(target.addresses):
            connection = new_connection(target, address, min(connect_timeout, deadline.remaining()))
            deadline.watch(lambda connection=connection: connection.sock)
            try:
                connection.connect()
                break
            except (urllib3_errors.NewConnectionError, urllib3_errors.ConnectTimeoutError):
                # Another address of the host may answer (an IPv6 one without a route, say).
                connection.close()
                if position == len(target.addresses) - 1:
                    raise
        # http.client lets go of the socket when the answer says the connection closes: the
        # deadline keeps hold of it to shut it down.
        sock = connection.sock
        deadline.watch(lambda: sock)
        connection.timeout = min(read_timeout, deadline.remaining())
        connection.request("GET", target.path, headers={**headers, "Host": target.host_header}, preload_content=False)
        response = connection.getresponse()
        deadline.check()
        try:
            yield response
        finally:
            response.close()
    finally:
        if connection is not None:
            connection.close()


def declared_length(headers):
    """The Content-Length an answer declares, or None when it declares none that reads."""
    values = {value.strip() for value in headers.get("Content-Length", "").split(",") if value.strip()}
    if values and all(value.isdigit() for value in values):
        return max(int(value) for value in values)
    return None


def read_body(response, max_bytes, deadline):
    """The decoded body, read in chunks; ResponseTooLarge as soon as it passes max_bytes."""
    if response.status == 304:
        return b""
    declared = declared_length(response.headers)
    if declared is not None and declared > max_bytes:
        raise ResponseTooLarge(f"The answer declares {declared} bytes, more than {max_bytes}.")
    body = bytearray()
    while True:
        # Never more than one byte past the limit: enough to know it is passed.
        chunk = response.read(min(CHUNK_SIZE, max_bytes - len(body) + 1), decode_content=True)
        if not chunk:
            break
        body += chunk
        if len(body) > max_bytes:
            raise ResponseTooLarge(f"The answer is larger than {max_bytes} bytes.")
    # A socket shut down by the deadline ends a body without a declared length early.
    deadline.check()
    return bytes(body)


def header_text(value):
    """A header value as the server meant it: http.client reads headers as Latin-1, servers
    send addresses in UTF-8 (a redirect to a Turkish or Russian slug)."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def reason_of(error):
    """What went wrong below urllib3, in a few words (the system's, for a socket error)."""
    cause = error.__cause__ or error.__context__
    if isinstance(error, urllib3_errors.HTTPError) and isinstance(cause, OSError):
        error = cause
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def outbound_error(error, target, deadline, connect_timeout, read_timeout):
    """The OutboundError that says what an exception of urllib3, http.client, ssl or the socket means."""
    if deadline.expired:
        return deadline.error()
    host = target.host if target else "the host"
    port = target.port if target else "?"
    if isinstance(error, urllib3_errors.NewConnectionError):
        return NetworkError(f"Could not connect to {host} port {port}: {reason_of(error)}.")
    if isinstance(error, urllib3_errors.ConnectTimeoutError):
        return FetchTimeout(f"No connection to {host} within {connect_timeout:g} s.")
    if isinstance(error, urllib3_errors.ProtocolError) and isinstance(error.__cause__, TimeoutError):
        error = error.__cause__
    if isinstance(error, TimeoutError | urllib3_errors.TimeoutError):
        return FetchTimeout(f"{host} did not answer within {read_timeout:g} s.")
    if isinstance(error, ssl.SSLCertVerificationError):
        return NetworkError(f"The certificate of {host} could not be verified ({error.verify_message}).")
    if isinstance(error, ssl.SSLError | urllib3_errors.SSLError):
        return NetworkError(f"The TLS connection to {host} failed ({reason_of(error)}).")
    if isinstance(error, urllib3_errors.DecodeError):
        return NetworkError(f"The answer of {host} could not be decoded (Content-Encoding).")
    if isinstance(error, http.client.HTTPException | urllib3_errors.ProtocolError):
        return NetworkError(f"The answer of {host} is not valid HTTP ({reason_of(error)}).")
    if isinstance(error, ValueError):
        return NetworkError(f"The request to {host} could not be sent ({error}).")
    return NetworkError(f"The connection to {host} failed: {reason_of(error)}.")


def fetch(
    url,
    *,
    headers=None,
    connect_timeout=5.0,
    read_timeout=10.0,
    total_timeout=30.0,
    max_bytes=5 * 1024 * 1024,
    max_redirects=5,
    allow_internal=None,
):
    """GET an http(s) address and return its answer, whatever its status, as an OutboundResponse.

    `headers` are added to the request (If-None-Match, If-Modified-Since, Accept...), kept across
    redirects. `allow_internal=None` follows OUTBOUND_ALLOW_INTERNAL_ADDRESSES. Raises an
    OutboundError subclass, and nothing else, when no answer comes.
    """
    if allow_internal is None:
        allow_internal = settings.OUTBOUND_ALLOW_INTERNAL_ADDRESSES
    sent_headers = request_headers(headers)
    deadline = Deadline(total_timeout)
    target = None
    try:
        target = resolve_url(url, allow_internal=allow_internal, timeout=deadline.remaining())
        asked = {target.identity}
        redirects = 0
        while True:
            with exchange(target, sent_headers, deadline, connect_timeout, read_timeout) as response:
                location = header_text(response.headers.get("Location") or "").strip()
                if response.status not in REDIRECT_STATUSES or not location:
                    body = read_body(response, max_bytes, deadline)
                    return OutboundResponse(url=target.url, status=response.status, headers=response.headers, body=body)
            redirects += 1
            if redirects > max_redirects:
                raise TooManyRedirects(f"More than {max_redirects} redirects.")
            try:
                next_url = urljoin(target.url, location)
            except ValueError as error:
                raise RefusedAddress(f"The address of a redirect cannot be read ({error}).") from error
            target = resolve_url(next_url, allow_internal=allow_internal, timeout=deadline.remaining())
            if target.identity in asked:
                raise TooManyRedirects(f"The redirects go round in a loop (back to {target.url}).")
            asked.add(target.identity)
    except OutboundError:
        raise
    except (urllib3_errors.HTTPError, http.client.HTTPException, OSError, ValueError) as error:
        raise outbound_error(error, target, deadline, connect_timeout, read_timeout) from error
    finally:
        deadline.cancel()
