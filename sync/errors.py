"""What can go wrong talking to the centre, and what the outbox worker does about it.

Every failure of a protocol call is one of the `SyncError` subclasses below
(they stay inside the project's one error tree, `kiosk.errors`).  The class
says what to do; `code` says what to show helpers:

=================  ===========  ==============================================
class              action       meaning
=================  ===========  ==============================================
SyncRetryLater     retry        nothing wrong with the record: network, 5xx,
                                429/503 (`retry_after` seconds when given)
SyncNotCentral     retry        (subclass of the above) the answer did not come
                                from the centre: captive portal, proxy,
                                garbage, certificate refused; pause the queue
SyncRejected       quarantine   the centre refused this record (400/413/422);
                                set it aside for a helper, go on with the next
SyncConflict       conflict     (subclass of SyncRejected) same client UUID,
                                different content already at the centre
SyncAuthError      stop         station token refused or protocol too old;
                                retrying will not help until IT acts
SyncCatalogRefused keep_last    a catalog whose signature or version is wrong;
                                keep the last good catalog
=================  ===========  ==============================================
"""

from __future__ import annotations

from typing import Any

from kiosk.errors import SyncError
from kiosk.messages import register

RETRY = "retry"
QUARANTINE = "quarantine"
CONFLICT = "conflict"
STOP = "stop"
KEEP_LAST = "keep_last"


class _ActionError(SyncError):
    action = RETRY

    def __init__(self, code: str | None = None, detail: str = "", *,
                 retry_after: float | None = None, **params: Any) -> None:
        self.retry_after = retry_after  # seconds the centre asked us to wait, if it said
        super().__init__(code, detail, **params)


class SyncRetryLater(_ActionError):
    """Try again later; the record is fine.  Pause the whole queue (CommCare)."""

    default_code = "sync.server_error"
    action = RETRY


class SyncNotCentral(SyncRetryLater):
    """Something answered that is not our centre (portal, proxy, garbage, wrong certificate)."""

    default_code = "sync.garbage"


class SyncRejected(_ActionError):
    """The centre says this record is invalid: quarantine it, never block the queue."""

    default_code = "sync.rejected"
    action = QUARANTINE

    def __init__(self, code: str | None = None, detail: str = "", *, server_code: str = "",
                 **params: Any) -> None:
        self.server_code = server_code  # the centre's machine code, e.g. "invalid_application"
        super().__init__(code, detail, server_code=server_code, **params)


class SyncConflict(SyncRejected):
    """Same idempotency key, different content: a helper must look at it."""

    default_code = "sync.conflict"
    action = CONFLICT


class SyncAuthError(_ActionError):
    """The centre refuses this station (token, protocol version): needs IT."""

    default_code = "sync.auth"
    action = STOP


class SyncCatalogRefused(_ActionError):
    """A catalog that must not be used (bad or missing signature, older version)."""

    default_code = "sync.catalog_signature"
    action = KEEP_LAST


# Codes the worker and the UI meet; the class tells the action, the code the words.
MESSAGES: dict[str, dict[str, str]] = {
    "sync.offline": {
        "zh_CN": "暂时连不上中心，申请已安全保存在本机，联网后会自动发送。",
        "en": "The centre cannot be reached. Applications are kept safely here and sent when the network is back.",
    },
    "sync.timeout": {
        "zh_CN": "中心响应超时，稍后会自动重试。",
        "en": "The centre did not answer in time; it will retry by itself.",
    },
    "sync.connection_lost": {
        "zh_CN": "与中心的连接中断，稍后会自动重试，不会重复提交。",
        "en": "The connection to the centre broke; it will retry by itself without sending anything twice.",
    },
    "sync.server_error": {
        "zh_CN": "中心服务暂时出错（{status}），稍后会自动重试。",
        "en": "The centre had an error ({status}); it will retry by itself.",
    },
    "sync.busy": {
        "zh_CN": "中心繁忙，约 {seconds} 秒后重试。",
        "en": "The centre is busy; retrying in about {seconds} seconds.",
    },
    "sync.captive_portal": {
        "zh_CN": "网络需要登录（可能是无线网络的认证页面），请工作人员检查网络。",
        "en": "The network wants a sign-in (probably a Wi-Fi login page). A helper should check the network.",
    },
    "sync.garbage": {
        "zh_CN": "收到的回复不是中心的正常回复，稍后会自动重试。",
        "en": "The answer received was not a proper answer from the centre; it will retry by itself.",
    },
    "sync.not_central": {
        "zh_CN": "连接到的不是本站的中心（可能是代理或地址配置错误），请联系技术人员。",
        "en": "The server reached is not this station's centre (a proxy or a wrong address). Please call IT.",
    },
    "sync.tls": {
        "zh_CN": "中心的安全证书无法验证，已停止发送，请联系技术人员。",
        "en": "The centre's security certificate could not be verified; sending is paused. Please call IT.",
    },
    "sync.auth": {
        "zh_CN": "中心拒绝了本站的身份凭证，请联系技术人员。",
        "en": "The centre refused this station's credentials. Please call IT.",
    },
    "sync.wrong_station": {
        "zh_CN": "中心认定本机的凭证属于站点 {centre_station}，而本机是站点 {station}，已停止发送，请联系技术人员。",
        "en": "The centre knows this kiosk's token as station {centre_station}, but this kiosk is station {station}. "
              "Sending is stopped. Please call IT.",
    },
    "sync.gone": {
        "zh_CN": "中心已不再提供本机使用的接口版本，已停止发送，请联系技术人员。",
        "en": "The centre no longer serves the protocol this kiosk speaks. Sending is stopped. Please call IT.",
    },
    "sync.protocol_version": {
        "zh_CN": "中心使用的协议版本（{version}）与本机不兼容，请联系技术人员。",
        "en": "The centre speaks protocol version {version}, which this kiosk does not support. Please call IT.",
    },
    "sync.rejected": {
        "zh_CN": "中心不接受这份申请（{server_code}），已交给工作人员处理。",
        "en": "The centre did not accept this application ({server_code}); it is set aside for a helper.",
    },
    "sync.conflict": {
        "zh_CN": "中心已有同一编号但内容不同的申请，已交给工作人员处理。",
        "en": "The centre already holds a different application under the same key; it is set aside for a helper.",
    },
    "sync.attachment_mismatch": {
        "zh_CN": "附件内容与记录的校验值不符，已交给工作人员处理。",
        "en": "An attachment does not match its recorded checksum; it is set aside for a helper.",
    },
    "sync.attachment_damaged": {
        "zh_CN": "附件连续 {tries} 次上传后仍未完整到达中心，已交给工作人员处理。",
        "en": "An attachment did not arrive intact after {tries} uploads in a row; it is set aside for a helper.",
    },
    "sync.catalog_signature": {
        "zh_CN": "新的服务目录签名无效，继续使用原有目录。",
        "en": "The new service catalog's signature is not valid; the previous catalog stays in use.",
    },
    "sync.catalog_rollback": {
        "zh_CN": "中心提供的服务目录版本（{version}）不比本机的新，已忽略。",
        "en": "The centre offered catalog version {version}, which is not newer than this kiosk's; ignored.",
    },
}

register(MESSAGES)
