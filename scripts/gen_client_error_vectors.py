"""Writes tests/vectors/policy/client_errors.json: what clients report on the wire, as the
core's transport kind and sent-state (issue 12 §2). Each expectation is read from the client's
own documentation (cited per case) before the table answered; names are given the way the
bindings collect them (Python: each exception's classes in MRO order, then its causes'; JS: for
each error along `cause`, `name:code:event`, `name:code`, `code`, `name`, `String(error)`).
Run from the repository root."""

import json

MRO_REQUESTS_CONNECT_TIMEOUT = ["requests.exceptions.ConnectTimeout", "requests.exceptions.ConnectionError", "requests.exceptions.Timeout", "requests.exceptions.RequestException", "builtins.OSError"]

cases = [
    # Node / undici / fetch
    ("Node: ECONNREFUSED is a refused connect, nothing sent", ["Error:ECONNREFUSED", "ECONNREFUSED", "Error"], "connect ECONNREFUSED 127.0.0.1:9", ("connect", False)),
    ("Node: ENOTFOUND is a failed DNS lookup", ["Error:ENOTFOUND", "ENOTFOUND", "Error"], "getaddrinfo ENOTFOUND api.example.invalid", ("dns", False)),
    ("Node: EAI_AGAIN is a temporary DNS failure, nothing sent", ["Error:EAI_AGAIN", "EAI_AGAIN", "Error"], "getaddrinfo EAI_AGAIN api.example.com", ("dns", False)),
    ("Node: ECONNRESET may come after the request was written", ["Error:ECONNRESET", "ECONNRESET", "Error"], "read ECONNRESET", ("reset", None)),
    ("Node: EPIPE is a reset while writing", ["Error:EPIPE", "EPIPE", "Error"], "write EPIPE", ("reset", None)),
    ("Node: ETIMEDOUT names no phase", ["Error:ETIMEDOUT", "ETIMEDOUT", "Error"], "connect ETIMEDOUT 10.0.0.1:443", ("timeout", None)),
    ("Node: a certificate error is TLS", ["Error:CERT_HAS_EXPIRED", "CERT_HAS_EXPIRED", "Error"], "certificate has expired", ("tls", False)),
    ("Node: a self-signed certificate is TLS", ["Error:DEPTH_ZERO_SELF_SIGNED_CERT", "DEPTH_ZERO_SELF_SIGNED_CERT", "Error"], "self-signed certificate", ("tls", False)),
    ("undici: fetch failed with a refused connect as its cause", ["TypeError", "TypeError: fetch failed", "Error:ECONNREFUSED", "ECONNREFUSED", "Error"], "fetch failed", ("connect", False)),
    ("undici: a headers timeout came after the request was sent", ["TypeError", "TypeError: fetch failed", "HeadersTimeoutError:UND_ERR_HEADERS_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "HeadersTimeoutError"], "fetch failed", ("timeout", True)),
    ("undici: a connect timeout sent nothing", ["TypeError", "TypeError: fetch failed", "ConnectTimeoutError:UND_ERR_CONNECT_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT", "ConnectTimeoutError"], "fetch failed", ("timeout", False)),
    ("undici: the other side closed the socket", ["TypeError", "TypeError: fetch failed", "SocketError:UND_ERR_SOCKET", "UND_ERR_SOCKET", "SocketError"], "fetch failed", ("reset", None)),
    ("undici: a body cut off while read (`terminated`) was sent", ["TypeError", "TypeError: terminated", "SocketError:UND_ERR_SOCKET", "UND_ERR_SOCKET", "SocketError"], "terminated", ("reset", True)),
    ("Chromium: fetch's network error says nothing more", ["TypeError", "TypeError: Failed to fetch"], "Failed to fetch", ("other", None)),
    ("Firefox: fetch's network error", ["TypeError", "TypeError: NetworkError when attempting to fetch resource."], "NetworkError when attempting to fetch resource.", ("other", None)),
    ("AbortSignal.timeout(): a TimeoutError in any phase", ["TimeoutError", "TimeoutError: The operation was aborted due to timeout"], "The operation was aborted due to timeout", ("timeout", None)),
    ("the caller's own abort is not a transport failure", ["AbortError", "AbortError: This operation was aborted"], "This operation was aborted", None),
    ("a bug's TypeError is not a transport failure, whatever its message says", ["TypeError", "TypeError: Cannot read properties of undefined (reading 'timeout')"], "Cannot read properties of undefined (reading 'timeout')", None),
    ("axios: ECONNABORTED is axios's timeout", ["AxiosError:ECONNABORTED", "ECONNABORTED", "AxiosError"], "timeout of 1000ms exceeded", ("timeout", None)),
    ("axios: a refused connection keeps the system code", ["AxiosError:ECONNREFUSED", "ECONNREFUSED", "AxiosError"], "connect ECONNREFUSED 127.0.0.1:9", ("connect", False)),
    ("axios: ERR_NETWORK in a browser", ["AxiosError:ERR_NETWORK", "ERR_NETWORK", "AxiosError"], "Network Error", ("other", None)),
    ("got: a timeout in the connect phase sent nothing", ["TimeoutError:ETIMEDOUT:connect", "TimeoutError:ETIMEDOUT", "ETIMEDOUT", "TimeoutError"], "Timeout awaiting 'connect' for 100ms", ("timeout", False)),
    ("got: a timeout awaiting the response came after sending", ["TimeoutError:ETIMEDOUT:response", "TimeoutError:ETIMEDOUT", "ETIMEDOUT", "TimeoutError"], "Timeout awaiting 'response' for 100ms", ("timeout", True)),
    ("got: a timeout of the whole request names no phase", ["TimeoutError:ETIMEDOUT:request", "TimeoutError:ETIMEDOUT", "ETIMEDOUT", "TimeoutError"], "Timeout awaiting 'request' for 100ms", ("timeout", None)),
    ("Chrome net error from a HAR", ["net::ERR_NAME_NOT_RESOLVED"], None, ("dns", False)),
    ("Chrome: an empty response means the request went out", ["net::ERR_EMPTY_RESPONSE"], None, ("reset", True)),
    ("Chrome: a certificate error", ["net::ERR_CERT_DATE_INVALID"], None, ("tls", False)),
    # Python
    ("requests: ConnectTimeout is both ConnectionError and Timeout: nothing sent", MRO_REQUESTS_CONNECT_TIMEOUT + ["urllib3.exceptions.ConnectTimeoutError", "urllib3.exceptions.TimeoutError"], "HTTPSConnectionPool(host='10.255.255.1', port=443): Max retries exceeded (Caused by ConnectTimeoutError(...))", ("timeout", False)),
    ("requests: ReadTimeout came after sending", ["requests.exceptions.ReadTimeout", "requests.exceptions.Timeout", "requests.exceptions.RequestException", "urllib3.exceptions.ReadTimeoutError", "builtins.TimeoutError"], "HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=5)", ("timeout", True)),
    ("requests: ConnectionError around urllib3's NameResolutionError around socket.gaierror", ["requests.exceptions.ConnectionError", "requests.exceptions.RequestException", "urllib3.exceptions.MaxRetryError", "urllib3.exceptions.NameResolutionError", "urllib3.exceptions.NewConnectionError", "socket.gaierror"], "Failed to resolve 'api.example.invalid' ([Errno -2] Name or service not known)", ("dns", False)),
    ("requests: ConnectionError around a refused connection", ["requests.exceptions.ConnectionError", "requests.exceptions.RequestException", "urllib3.exceptions.MaxRetryError", "urllib3.exceptions.NewConnectionError", "urllib3.exceptions.ConnectTimeoutError", "builtins.ConnectionRefusedError"], "Failed to establish a new connection: [Errno 111] Connection refused", ("connect", False)),
    ("requests: ConnectionError whose cause was not kept: its message says refused", ["requests.exceptions.ConnectionError", "requests.exceptions.RequestException"], "HTTPConnectionPool(host='127.0.0.1', port=9): Max retries exceeded with url: / (Caused by NewConnectionError('Failed to establish a new connection: [Errno 111] Connection refused'))", ("connect", False)),
    ("requests: ChunkedEncodingError means the response had begun", ["requests.exceptions.ChunkedEncodingError", "requests.exceptions.RequestException", "urllib3.exceptions.ProtocolError", "http.client.IncompleteRead"], "Connection broken: IncompleteRead(10 bytes read, 90 more expected)", ("reset", True)),
    ("requests: a reset before any response keeps unknown", ["requests.exceptions.ConnectionError", "requests.exceptions.RequestException", "urllib3.exceptions.ProtocolError", "builtins.ConnectionResetError"], "('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))", ("reset", None)),
    ("requests: SSLError is TLS", ["requests.exceptions.SSLError", "requests.exceptions.ConnectionError", "requests.exceptions.RequestException", "urllib3.exceptions.SSLError", "ssl.SSLCertVerificationError"], "certificate verify failed: unable to get local issuer certificate", ("tls", False)),
    ("httpx: ConnectError around a gaierror is DNS", ["httpx.ConnectError", "httpx.NetworkError", "httpx.TransportError", "httpcore.ConnectError", "socket.gaierror"], "[Errno -2] Name or service not known", ("dns", False)),
    ("httpx: ConnectError alone is a connect failure", ["httpx.ConnectError", "httpx.NetworkError", "httpx.TransportError"], "[Errno 111] Connection refused", ("connect", False)),
    ("httpx: ReadTimeout came after sending", ["httpx.ReadTimeout", "httpx.TimeoutException", "httpx.TransportError"], "timed out", ("timeout", True)),
    ("httpx: PoolTimeout sent nothing", ["httpx.PoolTimeout", "httpx.TimeoutException", "httpx.TransportError"], "", ("timeout", False)),
    ("httpx: RemoteProtocolError before a response", ["httpx.RemoteProtocolError", "httpx.ProtocolError", "httpx.TransportError"], "Server disconnected without sending a response.", ("reset", None)),
    ("httpx: ReadError reading the response", ["httpx.ReadError", "httpx.NetworkError", "httpx.TransportError"], "", ("reset", True)),
    ("aiohttp: ClientConnectorDNSError", ["aiohttp.client_exceptions.ClientConnectorDNSError", "aiohttp.client_exceptions.ClientConnectorError", "aiohttp.client_exceptions.ClientOSError", "aiohttp.client_exceptions.ClientConnectionError", "socket.gaierror"], "Cannot connect to host api.example.invalid:443 ssl:default [Name or service not known]", ("dns", False)),
    ("aiohttp: ServerDisconnectedError", ["aiohttp.client_exceptions.ServerDisconnectedError", "aiohttp.client_exceptions.ServerConnectionError", "aiohttp.client_exceptions.ClientConnectionError"], "Server disconnected", ("reset", None)),
    ("aiohttp: ClientPayloadError is a body cut off", ["aiohttp.client_exceptions.ClientPayloadError", "aiohttp.client_exceptions.ClientError"], "Response payload is not completed", ("reset", True)),
    ("aiohttp: SocketTimeoutError is a read timeout", ["aiohttp.client_exceptions.SocketTimeoutError", "aiohttp.client_exceptions.ServerTimeoutError", "builtins.TimeoutError"], "Timeout on reading data from socket", ("timeout", True)),
    ("Python: a bare TimeoutError names no phase", ["builtins.TimeoutError", "builtins.OSError"], "timed out", ("timeout", None)),
    ("Python: a ValueError is not a transport failure", ["builtins.ValueError"], "connection refused", None),
    # curl, Go, Java
    ("libcurl: CURLE_COULDNT_RESOLVE_HOST", ["CURLE_COULDNT_RESOLVE_HOST"], "Could not resolve host: api.example.invalid", ("dns", False)),
    ("libcurl: CURLE_GOT_NOTHING means the request went out", ["CURLE_GOT_NOTHING"], "Empty reply from server", ("reset", True)),
    ("curl's text alone: a connect failure", [], "curl: (7) Failed to connect to api.example.com port 443 after 2 ms: Couldn't connect to server", ("connect", False)),
    ("curl's text alone: operation timed out", [], "curl: (28) Operation timed out after 5001 milliseconds with 0 bytes received", ("timeout", None)),
    ("Go's text alone: no such host", [], "Get \"https://api.example.invalid/v1\": dial tcp: lookup api.example.invalid: no such host", ("dns", False)),
    ("Go's text alone: a dial i/o timeout sent nothing", [], "Get \"https://10.255.255.1/\": dial tcp 10.255.255.1:443: i/o timeout", ("timeout", False)),
    ("Go's text alone: Client.Timeout while awaiting headers came after sending", [], "Get \"https://api.example.com/\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", ("timeout", True)),
    ("Go's text alone: connection reset by peer", [], "read tcp 10.0.0.2:5000->10.0.0.1:443: read: connection reset by peer", ("reset", None)),
    ("Go's text alone: an x509 error is TLS", [], "tls: failed to verify certificate: x509: certificate signed by unknown authority", ("tls", False)),
    ("Java: SocketTimeoutException reading came after sending", ["java.net.SocketTimeoutException"], "Read timed out", ("timeout", True)),
    ("Java: SocketTimeoutException connecting sent nothing", ["java.net.SocketTimeoutException"], "Connect timed out", ("timeout", False)),
    ("Java: UnknownHostException", ["java.net.UnknownHostException"], "api.example.invalid", ("dns", False)),
    ("Java: HttpConnectTimeoutException", ["java.net.http.HttpConnectTimeoutException", "java.net.http.HttpTimeoutException"], "HTTP connect timed out", ("timeout", False)),
    ("reqwest: a refused connect (its io::ErrorKind in the source chain)", ["reqwest::Error::connect", "std::io::ErrorKind::ConnectionRefused"], "error sending request: client error (Connect): tcp connect error: Connection refused (os error 111)", ("connect", False)),
    ("reqwest: a failed lookup is told by hyper-util's text", ["reqwest::Error::connect", "std::io::ErrorKind::Other"], "error sending request: client error (Connect): dns error: failed to lookup address information: Name or service not known", ("dns", False)),
    ("reqwest: a reset before any response", ["reqwest::Error::request", "std::io::ErrorKind::ConnectionReset"], "error sending request: connection error: Connection reset by peer (os error 104)", ("reset", None)),
    ("reqwest: its own timeout names no phase", ["reqwest::Error::timeout"], "error sending request: operation timed out", ("timeout", None)),
    ("nothing given is nothing", [], None, None),
]

out = []
for name, names, message, expect in cases:
    case = {"name": name, "names": names, "message": message}
    case["expect"] = None if expect is None else {"kind": expect[0], "sent": expect[1]}
    out.append(case)
doc = {
    "group": "Client errors to transport kinds",
    "source": "the clients' documentation, cited in core/src/client_errors.rs; issue 12 §2",
    "cases": out,
}
with open("tests/vectors/policy/client_errors.json", "w") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
