"""`waystation enroll --central URL --code CODE`: a station redeems a one-time code for its id and token.

IT no longer pastes tokens: the centre's admin makes a code (`waystation central
enroll-code`), IT types it here, and this

1. reads the code (a typo is caught here: nothing is sent) and the station config;
2. makes ready every file it will change (token, CA bundle, config) beside the
   real ones, so a file it may not write stops it *before* the code is used;
3. redeems the code at `POST /v1/enrollments` over verified TLS (the CA given
   with `--ca`, else the config's `central.ca_bundle`, else the system's trusted
   CAs; never unverified, no redirects, no proxies from the environment);
4. writes the token owner-only (0600; to the data dir's owner when run as root, the
   user the kiosk runs as), copies the `--ca` file beside it the same way, and fills
   in `[station]` id and name and `[central]` in the config file, keeping its comments,
   other keys, mode, owner and group.  Each file is replaced whole, by a rename.

Exit codes: 0 enrolled; 2 config or file problem (nothing changed, code not used);
3 the code was refused (mistyped, unknown, used or expired); 4 the centre was not
reached, not verified, or did not answer as a centre (nothing changed).
The token is never printed or logged.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests

from kiosk import __version__, config as config_mod
from kiosk.config_edit import Enrollment, enrolled_text
from kiosk.errors import ConfigError, KioskError, SyncError
from kiosk.messages import register
from kiosk.private_files import require_private
from kiosk.staged_file import StagedFile
from sync.answers import RawAnswer, centre_error, error_for_exception, parse_answer, retry_after_seconds
from sync.enrollment_code import CodeFormatError, parse as parse_code
from sync.protocol import API_PREFIX, PROTOCOL_VERSION, EnrollmentAnswer

EXIT_OK, EXIT_CONFIG, EXIT_CODE_REFUSED, EXIT_CENTRE = 0, 2, 3, 4
PACKAGED_CONFIG = Path("/etc/waystation/station.toml")  # the package's config (DESIGN.md): enroll's last default
MAX_ANSWER_BYTES = 64 * 1024
# A well-formed placeholder, to check the config the enrollment will give before the code is used.
_PLACEHOLDER_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"  # RFC 8032 test key


class EnrollError(KioskError):
    """Enrolling stopped before anything changed; `exit_code` says why to scripts."""

    default_code = "enroll.failed"
    exit_code = EXIT_CONFIG


class CodeRefused(EnrollError):
    """The code is mistyped, or the centre refused it (unknown, used, expired)."""

    default_code = "enroll.code_unknown"
    exit_code = EXIT_CODE_REFUSED


class CentreNotReached(EnrollError):
    """No verified answer from the centre (network, TLS, not a centre, its error)."""

    default_code = "enroll.offline"
    exit_code = EXIT_CENTRE


MESSAGES: dict[str, dict[str, str]] = {
    "enroll.failed": {"zh_CN": "注册失败，未做任何更改。", "en": "Enrollment failed; nothing was changed."},
    "enroll.no_config": {
        "zh_CN": "注册需要写入本站的配置文件：请用 --config PATH 或环境变量 WAYSTATION_CONFIG 指定"
                 "（安装包的配置文件 /etc/waystation/station.toml 不存在）。",
        "en": "enroll fills in the station's config file: give it with --config PATH or $WAYSTATION_CONFIG "
              "(the package's /etc/waystation/station.toml does not exist).",
    },
    "enroll.code_format": {
        "zh_CN": "注册码{problem}。请与中心给出的注册码核对；尚未发送任何内容。",
        "en": "The enrollment code {problem}. Check it against the code the centre gave; nothing was sent.",
    },
    "enroll.code_unknown": {
        "zh_CN": "中心没有这个注册码。请核对，或请中心管理员生成新的注册码。",
        "en": "The centre does not know this enrollment code. Check it, or ask the centre's admin for a new one.",
    },
    "enroll.code_used": {
        "zh_CN": "这个注册码已经用过了，每个注册码只能用一次。请向中心管理员索取新的注册码。",
        "en": "This enrollment code has already been used; each code works once. Ask the centre's admin for a new one.",
    },
    "enroll.code_expired": {
        "zh_CN": "这个注册码已过期。请向中心管理员索取新的注册码。",
        "en": "This enrollment code has expired. Ask the centre's admin for a new one.",
    },
    "enroll.throttled": {
        "zh_CN": "此地址输错注册码的次数过多，中心在 {seconds} 秒内不接受注册。请等待后用正确的注册码重试。",
        "en": "Too many wrong codes from this address: the centre refuses enrollments for {seconds} s. "
              "Wait, then try again with the right code.",
    },
    "enroll.cannot_write": {
        "zh_CN": "无法写入 {path}：{problem}。未做任何更改，注册码也未使用；请以有权写入它的用户运行（例如用 sudo）。",
        "en": "Cannot write {path}: {problem}. Nothing was changed and the code was not used; run enroll as "
              "a user who may write it (e.g. with sudo).",
    },
    "enroll.ca_unusable": {
        "zh_CN": "CA 证书文件 {path} 无法使用：{problem}",
        "en": "The CA file {path} cannot be used: {problem}",
    },
    "enroll.tls": {
        "zh_CN": "无法用{trust}验证 {url} 的安全证书，已停止注册，未发送注册码。如中心使用私有 CA，请用 --ca FILE 指定其证书。",
        "en": "The certificate of {url} could not be verified with {trust}; enrollment stopped and the code "
              "was not sent. If the centre uses a private CA, give its certificate with --ca FILE.",
    },
    "enroll.offline": {
        "zh_CN": "无法连接 {url}（{problem}）。请检查网络和地址；未做任何更改。",
        "en": "Cannot reach {url} ({problem}). Check the network and the address; nothing was changed.",
    },
    "enroll.no_answer": {
        "zh_CN": "没有收到 {url} 的回复（{problem}），未做任何更改。注册码可能已被中心使用：请重试一次，"
                 "如提示已用过，请向中心管理员索取新的注册码。",
        "en": "No answer came from {url} ({problem}); nothing was changed here. The centre may have used the "
              "code: try once more, and if it says the code was used, ask the centre's admin for a new one.",
    },
    "enroll.not_centre": {
        "zh_CN": "{url} 的回复不是提供注册服务的驿站中心的回复（{problem}）。请检查地址；未做任何更改。",
        "en": "{url} did not answer as a Waystation centre that enrolls stations ({problem}). Check the address; "
              "nothing was changed.",
    },
    "enroll.centre_error": {
        "zh_CN": "中心暂时出错（{problem}），请稍后重试；未做任何更改。",
        "en": "The centre had an error ({problem}); try again later. Nothing was changed.",
    },
}
register(MESSAGES)

_REFUSALS = {"enrollment_code_unknown": "enroll.code_unknown", "enrollment_code_used": "enroll.code_used",
             "enrollment_code_expired": "enroll.code_expired"}


def check_url(url: str) -> str:
    """The centre's address without a trailing slash; ConfigError unless https:// with a host."""
    text = (url or "").strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme.lower() != "https" or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError("config.invalid", key="--central",
                          problem="give the centre's https:// address (personal data leaves only over verified TLS)")
    return text


def _plain(text: str, limit: int = 200) -> str:
    """Outside text made safe to print on one line."""
    return "".join(char if char.isprintable() else " " for char in text)[:limit]


def redeem(url: str, code: str, ca_bundle: Path | None, *, timeout: tuple[float, float] = (5.0, 30.0)
           ) -> EnrollmentAnswer:
    """Redeem `code` (canonical form) at the centre `url` over verified TLS; the centre's answer, or
    CodeRefused / CentreNotReached."""
    trust = f"the CA file {ca_bundle}" if ca_bundle is not None else "the system's trusted CAs"
    session = requests.Session()
    session.trust_env = False  # no proxies or CA overrides from the environment
    try:
        response = session.post(
            url + API_PREFIX + "/enrollments", data=json.dumps({"code": code}).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json",
                     "User-Agent": f"waystation/{__version__}"},
            timeout=timeout, verify=str(ca_bundle) if ca_bundle is not None else True,
            allow_redirects=False, stream=True)
        try:
            body = response.raw.read(MAX_ANSWER_BYTES + 1, decode_content=True)
        finally:
            response.close()
    except requests.RequestException as exc:
        error = error_for_exception(exc)
        if error.code == "sync.tls":
            raise CentreNotReached("enroll.tls", _plain(str(exc), 300), url=url, trust=trust) from None
        if error.code in ("sync.timeout", "sync.connection_lost"):  # the code may have arrived: say so
            raise CentreNotReached("enroll.no_answer", error.detail, url=url,
                                   problem=_offline_reason(error.code)) from None
        raise CentreNotReached("enroll.offline", error.detail, url=url, problem=_offline_reason(error.code)) from None
    finally:
        session.close()
    if len(body) > MAX_ANSWER_BYTES:
        raise CentreNotReached("enroll.not_centre", url=url, problem=f"an answer over {MAX_ANSWER_BYTES} bytes")
    return _read_answer(url, RawAnswer(response.status_code, response.headers, body))


def _offline_reason(code: str) -> str:
    return {"sync.offline": "nothing answers there", "sync.timeout": "no answer in time",
            "sync.connection_lost": "the connection broke",
            "sync.captive_portal": "a network sign-in page answered"}.get(code, code)


def _read_answer(url: str, answer: RawAnswer) -> EnrollmentAnswer:
    error = centre_error(answer) if not 200 <= answer.status < 300 else None
    if error is not None and error.code in _REFUSALS:
        raise CodeRefused(_REFUSALS[error.code], "the centre says: " + _plain(error.message))
    if answer.status == 429:
        wait = retry_after_seconds(answer.header("retry-after"))
        raise CentreNotReached("enroll.throttled", seconds=int(wait if wait is not None else 60))
    if answer.status >= 500:
        raise CentreNotReached("enroll.centre_error", problem=f"HTTP {answer.status}")
    if answer.status != 201:
        why = f"HTTP {answer.status}" + (f" {_plain(error.code, 64)}" if error is not None else "")
        raise CentreNotReached("enroll.not_centre", url=url, problem=why)
    try:
        enrolled = parse_answer(answer, EnrollmentAnswer)
    except SyncError as exc:  # garbage, a portal's page: not the centre's answer
        raise CentreNotReached("enroll.not_centre", url=url, problem=_plain(exc.detail or exc.code)) from None
    if enrolled.protocol != PROTOCOL_VERSION:
        raise CentreNotReached("enroll.not_centre", url=url,
                               problem=f"it speaks protocol {enrolled.protocol}, this kiosk {PROTOCOL_VERSION}")
    return enrolled


@dataclass(frozen=True)
class Plan:
    """Where enrolling writes, worked out from the arguments and the config before anything is sent."""

    config_path: Path
    config_text: str
    config: config_mod.Config
    token_file: Path
    trust: Path | None  # the CA file that verifies the centre now
    ca_bundle: Path | None  # where the config will point (a copy of --ca, or the configured one)
    ca_data: bytes | None  # bytes to copy to ca_bundle; None: nothing to copy
    owner: tuple[int, int] | None  # for the token and CA copy (None: whoever runs this)


def _read_ca(path: Path) -> bytes:
    from cryptography import x509

    try:
        data = path.read_bytes()
        x509.load_pem_x509_certificates(data)
    except OSError as error:
        raise EnrollError("enroll.ca_unusable", path=str(path), problem=error.strerror or str(error)) from None
    except ValueError:
        raise EnrollError("enroll.ca_unusable", path=str(path), problem="not PEM certificates") from None
    return data


def _secret_owner(token_file: Path, data_dir: Path) -> tuple[int, int] | None:
    """Who gets the token: its present owner when it exists; run as root, the data dir's owner
    (the user the kiosk runs as: it must read the token); else whoever runs this."""
    for candidate in (token_file, data_dir) if os.geteuid() == 0 else (token_file,):
        try:
            info = candidate.stat()
        except OSError:
            continue
        return info.st_uid, info.st_gid
    return None


def plan(config_path: Path, ca: Path | None, token_file: Path | None) -> Plan:
    """Read the config and work out every file to write; EnrollError (nothing sent) if one cannot be."""
    config_path = Path(os.path.abspath(config_path))
    try:
        text = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("config.unreadable", path=str(config_path),
                          problem="no such file (`waystation config-example > FILE` makes one)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError("config.unreadable", path=str(config_path), problem=str(error)) from None
    config = config_mod.load(config_path)
    folder = config_path.parent
    token = Path(os.path.abspath(token_file)) if token_file else (config.central.token_file or folder / "token")
    if ca is not None:
        ca = Path(os.path.abspath(ca))
        data = _read_ca(ca)
        destination = config.central.ca_bundle or folder / "ca.pem"
        if destination.exists() and os.path.samefile(destination, ca):
            require_private(ca, "--ca")
            data = None  # already where the config points
        trust, bundle = ca, destination
    elif config.central.ca_bundle is not None:
        require_private(config.central.ca_bundle, "central.ca_bundle")
        _read_ca(config.central.ca_bundle)
        trust = bundle = config.central.ca_bundle
        data = None
    else:
        trust = bundle = data = None
    return Plan(config_path, text, config, token, trust, bundle, data,
                _secret_owner(token, config.storage.data_dir))


def _stage(path: Path, mode: int, owner: tuple[int, int] | None, staged: list[StagedFile]) -> StagedFile:
    try:
        staged.append(StagedFile(path, mode, owner))
    except OSError as error:
        raise EnrollError("enroll.cannot_write", path=str(path), problem=error.strerror or str(error)) from None
    return staged[-1]


def _enrollment(p: Plan, url: str, station_id: str, name: str, key: str) -> Enrollment:
    return Enrollment(station_id, name, url, p.token_file, p.ca_bundle, key)


@dataclass(frozen=True)
class Outcome:
    answer: EnrollmentAnswer
    plan: Plan
    url: str


def enroll(config_path: Path, url: str, code_text: str, ca: Path | None = None, token_file: Path | None = None,
           redeem_code: Callable[[str, str, Path | None], EnrollmentAnswer] = redeem) -> Outcome:
    """Enroll the station whose config is `config_path`; raises EnrollError (or ConfigError) with
    nothing changed, or returns once token, CA and config are all in place."""
    url = check_url(url)
    try:
        code = parse_code(code_text)
    except CodeFormatError as error:
        raise CodeRefused("enroll.code_format", problem=str(error)) from None
    p = plan(config_path, ca, token_file)
    info = p.config_path.stat()
    # The config the enrollment will give must be one the kiosk starts with: checked now, with placeholders.
    enrolled_text(p.config_text, p.config_path, _enrollment(p, url, "XX00", "x", _PLACEHOLDER_KEY))
    staged: list[StagedFile] = []
    try:
        token = _stage(p.token_file, 0o600, p.owner, staged)
        ca_copy = _stage(p.ca_bundle, 0o600, p.owner, staged) if p.ca_data is not None and p.ca_bundle else None
        config_file = _stage(p.config_path, info.st_mode & 0o7777, (info.st_uid, info.st_gid), staged)
        answer = redeem_code(url, code, p.trust)
        text = enrolled_text(p.config_text, p.config_path, _enrollment(
            p, url, answer.station_id, answer.station_name, answer.catalog_public_key))
        token.commit(answer.token.encode("ascii") + b"\n")
        if ca_copy is not None and p.ca_data is not None:
            ca_copy.commit(p.ca_data)
        config_file.commit(text.encode("utf-8"))
    finally:
        for item in staged:
            item.discard()
    return Outcome(answer, p, url)


def describe(outcome: Outcome) -> str:
    """What enrolling did, for IT (never the token)."""
    p, answer = outcome.plan, outcome.answer
    owner = p.token_file.stat().st_uid
    lines = [f"Enrolled as station {answer.station_id} ({answer.station_name}) with {outcome.url}.",
             f"  token:  {p.token_file} (0600, owner {_user(owner)})"]
    if owner == 0 and os.geteuid() == 0 and not p.config.storage.data_dir.exists():
        lines.append(f"  note: the data dir {p.config.storage.data_dir} does not exist yet, so the token stayed "
                     "root's; chown it (and the CA copy) to the user the kiosk runs as")
    if p.ca_bundle is not None:
        lines.append(f"  CA:     {p.ca_bundle}")
    lines.append(f"  config: {p.config_path}: [station] id, name; [central] url, token_file, "
                 + ("ca_bundle, " if p.ca_bundle is not None else "") + "catalog_public_key")
    if p.config.station.id not in (answer.station_id, config_mod.DEMO_STATION_ID):
        lines.append(f"  station id changed from {p.config.station.id} to {answer.station_id}: applications "
                     "queued under the old id keep their numbers")
    lines.append(f"Check with: waystation doctor --config {p.config_path}")
    return "\n".join(lines)


def _user(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def main(config_path: str | None, url: str, code: str, ca: str | None = None, token_file: str | None = None) -> int:
    """The `waystation enroll` command: prints what it did or why it stopped; returns the exit code."""
    config_path = config_path or os.environ.get(config_mod.ENV_VAR) or (
        str(PACKAGED_CONFIG) if PACKAGED_CONFIG.is_file() else None)
    if code == "-":
        code = sys.stdin.readline()
    try:
        if not config_path:
            raise EnrollError("enroll.no_config")
        outcome = enroll(Path(config_path), url, code, Path(ca) if ca else None,
                         Path(token_file) if token_file else None)
    except KioskError as error:
        print(f"waystation enroll: {error.text('en')}" + (f" ({error.detail})" if error.detail else ""),
              file=sys.stderr)
        return getattr(error, "exit_code", EXIT_CONFIG)
    print(describe(outcome))
    return EXIT_OK
