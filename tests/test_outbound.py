"""core.outbound against real servers on loopback: what it fetches, decodes, follows and refuses.

The HTTP server is tests/loopback_http.py; its handlers sleep, drip, redirect and compress. The
TLS server is a real one too, with a certificate authority made by openssl for the module. The
one part the tests stand in for is the resolver, for host names of their own (no DNS server
answers "feeds.partner.test"): `names` answers them through socket.getaddrinfo itself, which is
how the client resolves, and passes every other name to the system.

Timeouts are fractions of a second so that the module stays fast; the deadlines asserted leave
room for a busy machine.
"""

import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
import zlib
from contextlib import suppress

import pytest
from django.conf import settings
from django.test import override_settings

from core.outbound import (
    FetchTimeout,
    NetworkError,
    OutboundResponse,
    RefusedAddress,
    ResponseTooLarge,
    TooManyRedirects,
    check_url,
    fetch,
    is_internal,
)
from tests.loopback_http import LoopbackServer
from tests.services import require

# No database: sockets only.
# A fetch whose deadlines broke would wait for a hostile server for ever: it fails here instead.
pytestmark = [pytest.mark.backend_independent, pytest.mark.timeout(60)]

#: Small limits for fetches from the loopback server, which only allow_internal lets through.
QUICK = {"connect_timeout": 0.5, "read_timeout": 0.5, "total_timeout": 3.0, "allow_internal": True}
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Partner news</title></channel></rss>'


@pytest.fixture(scope="module")
def server():
    with LoopbackServer() as running:
        yield running


@pytest.fixture
def lone_server():
    """A server of the test's own, whose every request the test sees."""
    with LoopbackServer() as running:
        yield running


class Names:
    """Host names of the tests' own and the addresses the resolver gives for them."""

    def __init__(self):
        self.answers = {}  # name: one list of addresses a lookup, the last one for any further lookup
        self.lookups = []

    def __setitem__(self, name, addresses):
        self.answers[name] = [addresses]

    def rebind(self, name, *answers):
        self.answers[name] = list(answers)

    def getaddrinfo(self, host, port, *args, system_lookup, **kwargs):
        if host not in self.answers:
            return system_lookup(host, port, *args, **kwargs)
        self.lookups.append(host)
        answers = self.answers[host]
        addresses = answers.pop(0) if len(answers) > 1 else answers[0]
        return [
            (socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
            for address in addresses
        ]


@pytest.fixture
def names(monkeypatch):
    names = Names()
    system_lookup = socket.getaddrinfo
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *args, **kwargs: names.getaddrinfo(*args, system_lookup=system_lookup, **kwargs)
    )
    return names


def quietly(handler):
    """A handler whose client may hang up first, which is what the test is about."""

    def answer(request):
        request.close_connection = True
        with suppress(OSError):
            handler(request)

    return answer


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestFetching:
    def test_a_feed_is_fetched_with_its_headers(self, server):
        url = server.route("/plain.xml", body=FEED, headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'})
        response = fetch(url, **QUICK)
        assert isinstance(response, OutboundResponse)
        assert (response.url, response.status, response.body) == (url, 200, FEED)
        assert response.headers["content-type"] == "application/rss+xml"  # any case
        assert response.headers["ETAG"] == '"v1"'

    def test_the_request_names_the_site_and_carries_the_callers_headers(self, server):
        url = server.route("/headers.xml", body=FEED)
        fetch(
            url,
            headers={"Accept": "application/rss+xml", "If-Modified-Since": "Tue, 01 Jul 2025 10:00:00 GMT"},
            **QUICK,
        )
        (_method, _path, sent), *_ = server.requests_to("/headers.xml")
        assert sent["Host"] == f"127.0.0.1:{server.port}"
        assert sent["User-Agent"] == f"{settings.WAGTAIL_SITE_NAME} feed reader"
        assert sent["Accept-Encoding"] == "gzip, deflate"
        assert sent["Accept"] == "application/rss+xml"
        assert sent["If-Modified-Since"] == "Tue, 01 Jul 2025 10:00:00 GMT"

    def test_an_empty_header_value_is_left_out(self, server):
        url = server.route("/empty-etag.xml", body=FEED)
        fetch(url, headers={"If-None-Match": None, "If-Modified-Since": ""}, **QUICK)
        (_method, _path, sent), *_ = server.requests_to("/empty-etag.xml")
        assert "If-None-Match" not in sent
        assert "If-Modified-Since" not in sent

    def test_an_address_with_letters_beyond_ascii_is_asked_for_in_utf8(self, server):
        server.route("/haberler/%C3%A7evre", body=FEED)
        response = fetch(f"http://127.0.0.1:{server.port}/haberler/çevre", **QUICK)
        assert (response.status, response.body) == (200, FEED)

    def test_a_callers_host_header_does_not_replace_the_addresses_own(self, server):
        url = server.route("/own-host.xml", body=FEED)
        fetch(url, headers={"Host": "intranet.local", "Accept-Encoding": "br"}, **QUICK)
        (_method, _path, sent), *_ = server.requests_to("/own-host.xml")
        assert sent["Host"] == f"127.0.0.1:{server.port}"
        assert sent["Accept-Encoding"] == "gzip, deflate"

    @pytest.mark.parametrize(
        ("encoding", "compress"),
        [("gzip", gzip.compress), ("deflate", zlib.compress)],
    )
    def test_a_compressed_body_is_decoded(self, server, encoding, compress):
        compressed = compress(FEED * 50)
        url = server.route(f"/compressed-{encoding}.xml", body=compressed, headers={"Content-Encoding": encoding})
        response = fetch(url, **QUICK)
        assert response.body == FEED * 50
        assert len(compressed) < len(FEED) * 5

    def test_a_conditional_request_gets_304_and_no_body(self, server):
        def conditional(request):
            if request.headers.get("If-None-Match") == '"v1"':
                request.send_response(304)
                request.send_header("ETag", '"v1"')
                request.end_headers()
            else:
                request.send_response(200)
                request.send_header("Content-Length", str(len(FEED)))
                request.end_headers()
                request.wfile.write(FEED)

        url = server.route("/conditional.xml", handler=conditional)
        response = fetch(url, headers={"If-None-Match": '"v1"'}, **QUICK)
        assert (response.status, response.body, response.headers["ETag"]) == (304, b"", '"v1"')
        assert server.requests_to("/conditional.xml")[-1][2]["If-None-Match"] == '"v1"'
        assert fetch(url, **QUICK).body == FEED

    @pytest.mark.parametrize("status", [404, 410, 500, 503])
    def test_an_error_status_is_an_answer_not_an_exception(self, server, status):
        url = server.route(f"/status-{status}", status=status, body=b"gone")
        response = fetch(url, **QUICK)
        assert (response.status, response.body) == (status, b"gone")

    @override_settings(OUTBOUND_ALLOW_INTERNAL_ADDRESSES=True)
    def test_the_setting_lets_a_test_server_on_loopback_through(self, server):
        url = server.route("/setting.xml", body=FEED)
        assert fetch(url, read_timeout=0.5, total_timeout=3.0).body == FEED
        assert check_url(url) is None


class TestSize:
    def test_a_body_of_exactly_max_bytes_is_read(self, server):
        url = server.route("/exact", body=b"x" * 1000)
        assert fetch(url, max_bytes=1000, **QUICK).body == b"x" * 1000

    def test_a_body_over_max_bytes_is_refused(self, server):
        url = server.route("/large", body=b"x" * 1001)
        with pytest.raises(ResponseTooLarge, match="more than 1000"):
            fetch(url, max_bytes=1000, **QUICK)

    def test_a_body_without_a_length_is_cut_as_soon_as_it_passes_max_bytes(self, server):
        def endless(request):
            request.send_response(200)
            request.send_header("Transfer-Encoding", "chunked")
            request.end_headers()
            for _ in range(100_000):
                request.wfile.write(b"400\r\n" + b"x" * 1024 + b"\r\n")

        url = server.route("/endless", handler=quietly(endless))
        started = time.monotonic()
        with pytest.raises(ResponseTooLarge):
            fetch(url, max_bytes=10_000, **QUICK)
        assert time.monotonic() - started < 1

    def test_a_gzip_bomb_is_refused_once_decoded(self, server):
        bomb = gzip.compress(b"\0" * (16 * 1024 * 1024))
        assert len(bomb) < 100_000
        url = server.route("/bomb.xml", body=bomb, headers={"Content-Encoding": "gzip"})
        started = time.monotonic()
        with pytest.raises(ResponseTooLarge, match=str(1024 * 1024)):
            fetch(url, max_bytes=1024 * 1024, **QUICK)
        assert time.monotonic() - started < 1  # stopped at 1 MB, not 16

    def test_a_declared_length_over_max_bytes_is_refused_before_reading(self, server):
        def declares_a_lot(request):
            request.send_response(200)
            request.send_header("Content-Length", str(50 * 1024 * 1024))
            request.end_headers()
            time.sleep(2)  # no body comes: reading would wait for the read timeout

        url = server.route("/declared", handler=quietly(declares_a_lot))
        started = time.monotonic()
        with pytest.raises(ResponseTooLarge, match="declares 52428800 bytes"):
            fetch(url, max_bytes=1024 * 1024, **{**QUICK, "read_timeout": 1.5})
        assert time.monotonic() - started < 1


class TestTime:
    def test_a_server_that_never_answers_times_out_at_the_read_timeout(self, server):
        url = server.route("/silent", handler=quietly(lambda request: time.sleep(1.5)))
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match=r"did not answer within 0\.3 s"):
            fetch(url, **{**QUICK, "read_timeout": 0.3})
        assert 0.25 < time.monotonic() - started < 1.0

    def test_a_body_dripped_byte_by_byte_ends_at_the_total_timeout(self, server):
        def drip(request):
            request.send_response(200)
            request.send_header("Content-Length", "1000")
            request.end_headers()
            for _ in range(1000):
                request.wfile.write(b"x")
                time.sleep(0.05)  # each byte well within the read timeout

        url = server.route("/drip", handler=quietly(drip))
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match=r"longer than 0\.8 s"):
            fetch(url, connect_timeout=0.5, read_timeout=0.5, total_timeout=0.8, allow_internal=True)
        assert 0.75 < time.monotonic() - started < 1.5

    def test_headers_dripped_byte_by_byte_end_at_the_total_timeout(self, server):
        def drip_headers(request):
            request.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
            for _ in range(1000):
                request.wfile.write(b"x")
                time.sleep(0.05)

        url = server.route("/drip-headers", handler=quietly(drip_headers))
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match=r"longer than 0\.8 s"):
            fetch(url, connect_timeout=0.5, read_timeout=0.5, total_timeout=0.8, allow_internal=True)
        assert 0.75 < time.monotonic() - started < 1.5

    def test_a_connection_never_accepted_times_out_at_the_connect_timeout(self):
        # A listening socket whose queue of connections (of length 0) is already full: the
        # system leaves the next one waiting, as a firewall that drops packets would.
        with socket.create_server(("127.0.0.1", 0), backlog=0) as listener:
            port = listener.getsockname()[1]
            with socket.create_connection(("127.0.0.1", port)):
                started = time.monotonic()
                with pytest.raises(FetchTimeout, match=r"No connection to 127\.0\.0\.1 within 0\.3 s"):
                    fetch(f"http://127.0.0.1:{port}/feed", **{**QUICK, "connect_timeout": 0.3})
                assert 0.25 < time.monotonic() - started < 1.0


class TestRedirects:
    @pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
    def test_each_redirect_status_is_followed(self, server, status):
        server.route(f"/moved-{status}", status=status, headers={"Location": f"/landed-{status}"})
        landed = server.route(f"/landed-{status}", body=FEED)
        response = fetch(server.url(f"/moved-{status}"), **QUICK)
        assert (response.url, response.status, response.body) == (landed, 200, FEED)

    def test_a_chain_within_the_limit_is_followed_to_its_end(self, server):
        server.route("/chain/1", status=301, headers={"Location": "2"})  # relative to /chain/1
        server.route("/chain/2", status=302, headers={"Location": server.url("/chain/3")})
        server.route("/chain/3", status=307, headers={"Location": "/chain/end?page=1"})
        end = server.route("/chain/end", body=FEED)
        response = fetch(server.url("/chain/1"), max_redirects=3, **QUICK)
        assert response.url == end + "?page=1"
        assert response.body == FEED
        assert [path for _method, path, _headers in server.requests if path.startswith("/chain/")] == [
            "/chain/1",
            "/chain/2",
            "/chain/3",
            "/chain/end?page=1",
        ]

    def test_conditional_headers_follow_a_redirect(self, server):
        server.route("/old-feed", status=301, headers={"Location": "/new-feed"})
        server.route("/new-feed", body=FEED)
        fetch(server.url("/old-feed"), headers={"If-None-Match": '"v7"'}, **QUICK)
        assert server.requests_to("/new-feed")[-1][2]["If-None-Match"] == '"v7"'

    def test_one_redirect_too_many_is_refused_without_asking_for_it(self, server):
        for step in range(1, 4):
            server.route(f"/long/{step}", status=302, headers={"Location": f"/long/{step + 1}"})
        server.route("/long/4", body=FEED)
        with pytest.raises(TooManyRedirects, match="More than 2 redirects"):
            fetch(server.url("/long/1"), max_redirects=2, **QUICK)
        assert server.requests_to("/long/4") == []

    def test_no_redirect_at_all_when_none_is_allowed(self, server):
        server.route("/none-allowed", status=301, headers={"Location": "/elsewhere"})
        with pytest.raises(TooManyRedirects):
            fetch(server.url("/none-allowed"), max_redirects=0, **QUICK)

    def test_a_loop_is_refused_as_soon_as_it_comes_back(self, server):
        server.route("/loop/a", status=302, headers={"Location": "/loop/b"})
        server.route("/loop/b", status=302, headers={"Location": server.url("/loop/a#again")})
        with pytest.raises(TooManyRedirects, match="loop"):
            fetch(server.url("/loop/a"), max_redirects=10, **QUICK)
        assert len(server.requests_to("/loop/a")) == 1
        assert len(server.requests_to("/loop/b")) == 1

    def test_a_redirect_to_a_utf8_address_is_followed(self, server):
        # The server sends the address's UTF-8 bytes, as servers do (a header is bytes).
        server.route("/news-ru", status=301, headers={"Location": "/новости".encode().decode("latin-1")})
        server.route("/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8", body=FEED)
        response = fetch(server.url("/news-ru"), **QUICK)
        assert (response.url, response.status, response.body) == (server.url("/новости"), 200, FEED)

    def test_a_redirect_without_a_location_is_the_answer(self, server):
        url = server.route("/no-location", status=302, body=b"moved somewhere")
        response = fetch(url, **QUICK)
        assert (response.url, response.status, response.body) == (url, 302, b"moved somewhere")

    @pytest.mark.parametrize(
        "location",
        [
            "file:///etc/passwd",
            "ftp://127.0.0.1/feed",
            "gopher://127.0.0.1:6379/_INFO",
            "http://admin:secret@{host}/after-redirect",
        ],
    )
    def test_a_redirect_is_checked_like_the_first_address(self, server, location):
        source = f"/redirect-to-{location.split(':')[0]}"
        server.route(source, status=302, headers={"Location": location.format(host=f"127.0.0.1:{server.port}")})
        server.route("/after-redirect", body=FEED)
        with pytest.raises(RefusedAddress):
            fetch(server.url(source), **QUICK)
        assert len(server.requests_to(source)) == 1
        assert server.requests_to("/after-redirect") == []

    def test_the_host_of_a_redirect_is_resolved_again(self, server):
        server.route("/to-nowhere", status=301, headers={"Location": "http://feed.example.invalid/rss"})
        with pytest.raises(NetworkError, match=r"feed\.example\.invalid could not be resolved"):
            fetch(server.url("/to-nowhere"), **QUICK)


class TestPinning:
    def test_the_connection_goes_to_the_address_that_was_checked(self, server, names):
        # A rebinding resolver: the address checked first, another one to any later lookup
        # (127.0.0.2, where nothing listens). Only one lookup is made, and it is the one used.
        names.rebind("rebinding.test", ["127.0.0.1"], ["127.0.0.2"])
        server.route("/pinned.xml", body=FEED)
        response = fetch(f"http://rebinding.test:{server.port}/pinned.xml", **QUICK)
        assert response.body == FEED
        assert names.lookups == ["rebinding.test"]
        assert server.requests_to("/pinned.xml")[-1][2]["Host"] == f"rebinding.test:{server.port}"

    def test_the_next_address_of_a_host_is_tried_when_one_refuses(self, server, names):
        names["two-addresses.test"] = ["127.0.0.2", "127.0.0.1"]  # nothing listens on the first
        server.route("/second.xml", body=FEED)
        assert fetch(f"http://two-addresses.test:{server.port}/second.xml", **QUICK).body == FEED

    def test_a_host_with_any_internal_address_is_refused(self, names):
        names["partner.test"] = ["93.184.216.34", "2606:2800:220:1::1"]
        names["mixed.test"] = ["93.184.216.34", "10.0.0.7"]
        names["metadata.test"] = ["169.254.169.254"]
        assert check_url("http://partner.test/feed", allow_internal=False) is None
        with pytest.raises(RefusedAddress, match=r"mixed\.test resolves to an internal address \(10\.0\.0\.7\)"):
            check_url("http://mixed.test/feed", allow_internal=False)
        with pytest.raises(RefusedAddress, match=r"\(169\.254\.169\.254\)"):
            fetch("http://metadata.test/latest/meta-data/", allow_internal=False)
        assert names.lookups == ["partner.test", "mixed.test", "metadata.test"]


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """A certificate authority and a certificate it signed for feeds.partner.test, made by openssl."""
    openssl = shutil.which("openssl")
    require(None if openssl else "openssl is not installed", "the TLS tests of core/outbound.py")
    directory = tmp_path_factory.mktemp("tls")
    (directory / "ca.cnf").write_text(
        "[req]\nprompt = no\ndistinguished_name = dn\nx509_extensions = ca\n"
        "[dn]\nCN = Loopback test authority\n"
        "[ca]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\n"
        "subjectKeyIdentifier = hash\n"
    )
    (directory / "leaf.cnf").write_text(
        "subjectAltName = DNS:feeds.partner.test\nbasicConstraints = CA:FALSE\n"
        "keyUsage = critical, digitalSignature\nextendedKeyUsage = serverAuth\n"
        "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
    )
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for command in (
        ["req", "-x509", "-config", "ca.cnf", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2"],
        [
            "req",
            "-new",
            "-config",
            "ca.cnf",
            "-subj",
            "/CN=feeds.partner.test",
            *key,
            "-keyout",
            "leaf.key",
            "-out",
            "leaf.csr",
        ],
        [
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "leaf.cnf",
            "-out",
            "leaf.pem",
        ],
    ):
        subprocess.run([openssl, *command], cwd=directory, check=True, capture_output=True)  # noqa: S603
    return directory


@pytest.fixture(scope="module")
def tls_server(tls):
    """An https server on loopback with the feeds.partner.test certificate; it records the names
    clients ask for (SNI) and answers every request with the feed."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls / "leaf.pem", tls / "leaf.key")
    server_names = []
    context.sni_callback = lambda connection, name, context: server_names.append(name)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            with suppress(OSError), context.wrap_socket(connection, server_side=True) as secure:
                secure.settimeout(1)
                secure.recv(4096)
                secure.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(FEED), FEED)
                )

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], server_names
    stop.set()
    thread.join()
    listener.close()


class TestTLS:
    def test_the_certificate_is_checked_against_the_host_name_not_the_address(
        self, tls, tls_server, names, monkeypatch
    ):
        port, server_names = tls_server
        monkeypatch.setenv("SSL_CERT_FILE", str(tls / "ca.pem"))  # the default context trusts the test authority
        names["feeds.partner.test"] = ["127.0.0.1"]
        response = fetch(f"https://feeds.partner.test:{port}/rss", **QUICK)
        assert (response.status, response.body) == (200, FEED)
        assert server_names[-1] == "feeds.partner.test"

    def test_a_certificate_for_another_name_is_refused(self, tls, tls_server, names, monkeypatch):
        port, _server_names = tls_server
        monkeypatch.setenv("SSL_CERT_FILE", str(tls / "ca.pem"))
        names["impostor.partner.test"] = ["127.0.0.1"]
        with pytest.raises(NetworkError, match=r"certificate of impostor\.partner\.test could not be verified"):
            fetch(f"https://impostor.partner.test:{port}/rss", **QUICK)

    def test_a_certificate_of_an_unknown_authority_is_refused(self, tls_server, names):
        port, _server_names = tls_server
        names["feeds.partner.test"] = ["127.0.0.1"]
        with pytest.raises(NetworkError, match="could not be verified"):
            fetch(f"https://feeds.partner.test:{port}/rss", **QUICK)

    def test_https_to_a_server_that_speaks_plain_http_is_a_network_error(self, server):
        with pytest.raises(NetworkError, match=r"TLS connection to 127\.0\.0\.1 failed"):
            fetch(f"https://127.0.0.1:{server.port}/plain.xml", **QUICK)


class TestNetworkErrors:
    def test_an_unknown_host_is_a_network_error(self):
        with pytest.raises(NetworkError, match=r"feed\.example\.invalid could not be resolved"):
            fetch("http://feed.example.invalid/rss", **QUICK)
        with pytest.raises(NetworkError):
            check_url("https://feed.example.invalid/rss")

    def test_a_closed_port_is_a_network_error(self):
        port = closed_port()
        with pytest.raises(NetworkError, match=f"Could not connect to 127.0.0.1 port {port}: Connection refused"):
            fetch(f"http://127.0.0.1:{port}/rss", **QUICK)

    @pytest.mark.parametrize(
        ("name", "answer"),
        [
            ("not-http", b"SSH-2.0-OpenSSH_9.6\r\n"),
            ("short-body", b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"),
            ("broken-chunk", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            ("bad-gzip", b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 9\r\n\r\nnot gzip!"),
            ("long-header", b"HTTP/1.1 200 OK\r\nX-Long: " + b"x" * 70_000 + b"\r\n\r\n"),
        ],
    )
    def test_malformed_http_is_a_network_error(self, server, name, answer):
        url = server.route(f"/malformed-{name}", handler=quietly(lambda request: request.wfile.write(answer)))
        with pytest.raises(NetworkError) as raised:
            fetch(url, **QUICK)
        assert str(raised.value).startswith("The answer of 127.0.0.1 ")

    def test_a_header_value_that_cannot_be_sent_is_a_network_error(self, server):
        url = server.route("/bad-header", body=FEED)
        with pytest.raises(NetworkError, match="could not be sent"):
            fetch(url, headers={"If-None-Match": '"v1"\r\nX-Injected: yes'}, **QUICK)
        assert all("X-Injected" not in headers for _method, _path, headers in server.requests)


REFUSED = [
    "http://127.0.0.1/feed",
    "http://127.0.0.1:8000/feed",
    "http://localhost/feed",
    "http://LocalHost/feed",
    "http://[::1]/feed",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/feed",
    "http://172.16.0.1/feed",
    "http://192.168.1.1/feed",
    "http://100.64.0.1/feed",
    "http://[::ffff:127.0.0.1]/feed",
    "http://[fe80::1]/feed",
    "http://[fc00::1]/feed",
    "http://0.0.0.0/feed",
    "http://0/feed",
    "http://2130706433/feed",  # 127.0.0.1 as one number
    "http://0x7f.0.0.1/feed",
    "http://127.1/feed",
    "http://224.0.0.1/feed",
    "file:///etc/passwd",
    "ftp://example.org/feed.xml",
    "javascript:alert(1)",
    "data:text/xml,<rss/>",
    "gopher://example.org/",
    "//example.org/feed",
    "http://user:pass@example.org/feed",
    "http://user@example.org/feed",
    "http://@example.org/feed",
    "http:///feed",
    "http://example.org:0/feed",
    "http://example.org:65536/feed",
    "http://example.org:http/feed",
    "http://[example.org]/feed",
    "http://exa mple.org/feed",
    "http://example..org/feed",
    "http://%6c%6f%63%61%6c%68%6f%73%74/feed",
    "",
    "   ",
    "not an address",
]


class TestRefusal:
    @override_settings(OUTBOUND_ALLOW_INTERNAL_ADDRESSES=False)
    @pytest.mark.parametrize("url", REFUSED)
    def test_the_address_is_refused(self, url):
        with pytest.raises(RefusedAddress):
            check_url(url)
        with pytest.raises(RefusedAddress):
            fetch(url, **{**QUICK, "allow_internal": None})

    @override_settings(OUTBOUND_ALLOW_INTERNAL_ADDRESSES=False)
    @pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
    def test_an_internal_address_is_refused_before_any_request(self, lone_server, host):
        url = f"http://{host}:{lone_server.port}/feed"
        lone_server.route("/feed", body=FEED)
        with pytest.raises(RefusedAddress, match="internal address"):
            fetch(url, read_timeout=0.5, total_timeout=3.0)
        with pytest.raises(RefusedAddress):
            fetch(url, allow_internal=False, read_timeout=0.5, total_timeout=3.0)
        assert lone_server.requests == []

    def test_a_name_that_resolves_to_loopback_says_so(self):
        with pytest.raises(RefusedAddress, match=r"localhost resolves to an internal address \(127\.0\.0\.1\)"):
            check_url("http://localhost/feed", allow_internal=False)

    def test_allow_internal_lets_internal_addresses_through_but_not_bad_schemes(self):
        assert check_url("http://127.0.0.1:8000/feed", allow_internal=True) is None
        with pytest.raises(RefusedAddress, match="Only http and https"):
            check_url("file:///etc/passwd", allow_internal=True)
        with pytest.raises(RefusedAddress, match="user name or a password"):
            check_url("http://user:pass@127.0.0.1/feed", allow_internal=True)

    def test_messages_are_sentences(self):
        for url, message in [
            ("ftp://example.org/", "Only http and https addresses can be fetched, not ftp."),
            ("http:///feed", "The address has no host."),
            ("http://example.org:0/", "The port 0 is outside 1-65535."),
            ("http://127.0.0.1/", "127.0.0.1 is an internal address."),
        ]:
            with pytest.raises(RefusedAddress) as raised:
                check_url(url, allow_internal=False)
            assert str(raised.value) == message


INTERNAL = [
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",  # noqa: S104 - an address refused, not one bound
    "0.1.2.3",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.254",
    "192.0.2.1",  # documentation
    "198.18.0.1",  # benchmarking
    "224.0.0.1",
    "224.0.1.1",  # multicast that is_global alone lets through
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fec0::1",  # site-local
    "fc00::1",
    "fd12:3456:789a::1",
    "ff02::1",
    "ff0e::1",  # global-scope multicast
    "2001:db8::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::127.0.0.1",  # IPv4-compatible
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
]
PUBLIC = [
    "93.184.216.34",
    "8.8.8.8",
    "1.1.1.1",
    "185.199.108.153",
    "100.128.0.1",  # just past carrier-grade NAT
    "172.32.0.1",  # just past 172.16.0.0/12
    "2606:2800:220:1::1",
    "2a00:1450:4001:81b::200e",
    "::ffff:93.184.216.34",
    "64:ff9b::5db8:d822",  # NAT64 of 93.184.216.34
]


class TestIsInternal:
    @pytest.mark.parametrize("address", INTERNAL)
    def test_internal(self, address):
        assert is_internal(ipaddress.ip_address(address)) is True

    @pytest.mark.parametrize("address", PUBLIC)
    def test_public(self, address):
        assert is_internal(ipaddress.ip_address(address)) is False
