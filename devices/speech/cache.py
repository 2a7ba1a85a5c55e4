"""Cache of rendered speech, keyed by (engine, voice, rate, text).

Two levels: a small LRU in memory (a repeated prompt starts without touching
the disk) and WAV files in the cache directory (prompts survive restarts; a
file is read in well under a millisecond).  The cache is an optimisation only:
a disk that is full, read-only or holds a corrupt file never stops speech.

Personal texts are never cached (the caller says which are personal): a file
name is a hash of the text, and a hash of a short number is easy to reverse.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path

from devices.speech.audio_sink import Audio
from kiosk.errors import SpeechError

log = logging.getLogger("waystation.speech")


def cache_key(engine: str, voice: str, rate: int, text: str) -> str:
    """A stable file-name-safe key."""
    return hashlib.sha256(f"{engine}\0{voice}\0{rate}\0{text}".encode("utf-8")).hexdigest()


class AudioCache:
    """Memory LRU (bounded in bytes) in front of a directory of WAV files."""

    def __init__(
        self,
        directory: Path | None = None,
        memory_bytes: int = 24 * 2**20,
        disk_bytes: int = 256 * 2**20,
    ) -> None:
        self.directory = Path(directory) if directory else None
        self.memory_bytes = memory_bytes
        self.disk_bytes = disk_bytes
        self._memory: OrderedDict[str, Audio] = OrderedDict()
        self._held = 0
        self._puts = 0
        self._lock = threading.Lock()
        if self.directory:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                self.trim_disk()
            except OSError as exc:
                log.warning("speech cache directory unusable, memory cache only: %s", exc)
                self.directory = None

    def _path(self, key: str) -> Path | None:
        return self.directory / f"{key}.wav" if self.directory else None

    def get(self, key: str) -> Audio | None:
        with self._lock:
            audio = self._memory.get(key)
            if audio is not None:
                self._memory.move_to_end(key)
                return audio
        path = self._path(key)
        if path is None or not path.exists():
            return None
        try:
            audio = Audio.read_wav(path)
            os.utime(path)  # trimming drops the least recently used files
        except (OSError, SpeechError) as exc:
            log.warning("dropping unreadable cached speech %s: %s", path.name, exc)
            path.unlink(missing_ok=True)
            return None
        self._remember(key, audio)
        return audio

    def contains(self, key: str) -> bool:
        """In memory or on disk, without loading it into memory."""
        with self._lock:
            if key in self._memory:
                return True
        path = self._path(key)
        return path is not None and path.exists()

    def put(self, key: str, audio: Audio, remember: bool = True) -> None:
        """Keep `audio` on disk and (unless `remember` is False and there is a disk) in memory."""
        path = self._path(key)
        if remember or path is None:
            self._remember(key, audio)
        if path is not None:
            try:
                audio.write_wav(path)
                self._puts += 1
                if self._puts % 200 == 0:  # one-off texts (countdowns, numbers) must not fill the disk
                    self.trim_disk()
            except OSError as exc:  # a full disk must not silence the kiosk
                log.warning("could not store speech in the cache: %s", exc)

    def _remember(self, key: str, audio: Audio) -> None:
        size = len(audio.pcm)
        if size > self.memory_bytes:
            return
        with self._lock:
            old = self._memory.pop(key, None)
            self._held -= len(old.pcm) if old else 0
            self._memory[key] = audio
            self._held += size
            while self._held > self.memory_bytes:
                _, dropped = self._memory.popitem(last=False)
                self._held -= len(dropped.pcm)

    def clear_memory(self) -> None:
        with self._lock:
            self._memory.clear()
            self._held = 0

    def trim_disk(self) -> None:
        """Remove the least recently used files beyond `disk_bytes`, and temp leftovers."""
        if not self.directory:
            return
        for leftover in self.directory.glob(".tmp-*"):
            leftover.unlink(missing_ok=True)
        files = []
        for path in self.directory.glob("*.wav"):
            try:
                stat = path.stat()
            except OSError:
                continue
            files.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in files)
        for _, size, path in sorted(files):
            if total <= self.disk_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
