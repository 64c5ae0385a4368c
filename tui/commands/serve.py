"""`supple serve`: the app in a browser, for a phone or tablet propped beside the mat."""

from __future__ import annotations

import argparse
import ipaddress
import secrets
import shlex
import socket
import sys
from pathlib import Path

from tui.i18n import N_, _

# With the pip of the Python running Supple (its venv's), as the README says: another pip
# installs the extra where this Supple never sees it.
INSTALL_COMMAND = f'{Path(sys.executable).parent / "pip"} install ".[serve]"'
# Translators: {command} is the command that installs the extra: keep it as it is.
INSTALL_WORDS = N_("supple: serving needs the serve extra: in Supple's folder, {command}")
# The hint in English (the words are translated where they are said: install_hint).
INSTALL_HINT = INSTALL_WORDS.format(command=INSTALL_COMMAND)


def install_hint() -> str:
    return _(INSTALL_WORDS).format(command=INSTALL_COMMAND)


DEFAULT_PORT = 8000


def define(parser: argparse.ArgumentParser) -> None:
    parser.description = _(
        "Serve Supple to a browser: every tab runs its own Supple on the same "
        "data file. By default only this computer can open it."
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="HOST",
        help=_(
            "the address to listen on (default 127.0.0.1, this computer only); "
            "0.0.0.0 lets a phone on the local network in, with a secret link"
        ),
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        metavar="PORT",
        help=_("the port to listen on (default {port}; 0 picks a free one)").format(
            port=DEFAULT_PORT
        ),
    )
    # Also accepted before `serve`, as for the app; SUPPRESS keeps that value when not given here.
    from tui.arguments import speed_factor

    parser.add_argument(
        "--speed",
        type=speed_factor,
        default=argparse.SUPPRESS,
        metavar="FACTOR",
        help=_("every tab runs its timers FACTOR times faster (practice runs)"),
    )
    parser.set_defaults(run=run)


def port_number(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(
            # Translators: {text} is what was typed, quoted.
            _("--port takes a number from 0 to 65535, not {text}").format(text=repr(text))
        )
    return int(text)


def is_loopback(host: str) -> bool:
    """True when only this computer can reach `host`: every address it names is loopback."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def lan_address() -> str:
    """This computer's address on the local network, as a phone would reach it. Connecting a
    UDP socket sends nothing: it only asks the system which address its route would use."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 9))
            address = str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"
    return address


def url_host(host: str) -> str:
    """The host part of the URL to print for a listening address."""
    if host in ("0.0.0.0", "::", ""):
        return lan_address()
    return f"[{host}]" if ":" in host else host


def app_command(args: argparse.Namespace, path: Path) -> str:
    """The shell command each browser tab runs: this Supple, on the same file and settings.
    `exec` makes the app the process itself, so a signal to it reaches the app, not a shell."""
    argv = [sys.executable, "-m", "tui", "--db", str(path.resolve())]
    speed = getattr(args, "speed", 1.0)
    if speed != 1.0:
        argv += ["--speed", f"{speed:g}"]
    cues = getattr(args, "cues", None)
    if cues:
        argv += ["--cues", str(cues)]
    lang = getattr(args, "lang", None)
    if lang:
        argv += ["--lang", str(lang)]  # every tab speaks the language `serve` was asked for
    return "exec " + shlex.join(argv)


def print_qr(url: str) -> None:
    import segno

    segno.make(url, error="l").terminal(out=sys.stdout, compact=True)


def run(args: argparse.Namespace, path: Path) -> int:
    try:
        import segno  # noqa: F401 - checked here so a missing extra is one line, not a traceback
        import textual_serve  # noqa: F401

        from tui.web.server import SuppleServer, bind
    except ImportError:
        print(install_hint(), file=sys.stderr)
        return 2
    from tui.arguments import adopt_stored_language
    from tui.storage.store import Store

    # A file Supple cannot read is said once here, not in every tab (StoreError: exit 2).
    adopt_stored_language(Store.open(path, deep=False))
    exposed = not is_loopback(args.host)
    try:
        sock = bind(args.host, args.port)
    except OSError as error:
        reason = error.strerror or str(error)
        # Translators: {host} is an address, {port} a number, {reason} the system's words.
        words = _("supple: cannot listen on {host} port {port}: {reason}")
        print(words.format(host=args.host, port=args.port, reason=reason), file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24) if exposed else None
    url = f"http://{url_host(args.host)}:{port}/" + (f"?token={token}" if token else "")
    if exposed:
        # Translators: two lines; {host} is an address, {port} a number.
        words = _(
            "This exposes Supple to the local network ({host}, port {port}):\n"
            "anyone on it who has the link below can use Supple and see your history."
        )
        print(words.format(host=args.host, port=port))
        print_qr(url)
    # Translators: {url} is the link to open; {path} the data file.
    print(_("Supple is served at {url}  (data: {path})").format(url=url, path=path))
    print(_("Each browser tab runs its own Supple. Press Ctrl+C to stop."), flush=True)
    server = SuppleServer(app_command(args, path), path=path, token=token)
    server.serve_on(sock)
    print(_("Stopped."))
    return 0
