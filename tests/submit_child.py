"""Child process for the kill test: submits applications until killed, printing each returned number."""

import os
import sys
from pathlib import Path

from kiosk import applications, crypto
from kiosk.applications import Attachment, Draft
from kiosk.store import Store


def main(data_dir: Path) -> None:
    store = Store(data_dir / "waystation.db", crypto.Sealer(crypto.load_or_create_key(data_dir / "store.key")))
    while True:
        photos = [Attachment(f"photo{i}", "image/jpeg", b"\xff\xd8\xff" + os.urandom(60_000)) for i in range(3)]
        receipt = applications.submit(store, Draft("residence_permit", "zh_CN", {"name": "测试"}, photos,
                                                   {"method": "simulated"}, "11010519491231002X"), "DEMO01")
        print(receipt.number, receipt.application_uuid, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
