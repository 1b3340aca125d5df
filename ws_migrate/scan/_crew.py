"""The worker processes of a scan, and the pipes to them.

A cold scan of a large tree spends most of its time summarising files in worker processes, so
they are started as early as can be: `Crew.summon` forks one *leader* as the command starts,
before the main process has imported the scan. The leader loads the analysis and readies the
parsers on the second core while the main process imports and walks, then forks the other
workers from itself, ready made. Each worker has a pair of OS pipes to the main process;
messages are pickles with their length in front. (`multiprocessing` would cost the main process
more to import than the whole walk.)

Batches of files go to whichever worker has room: two at a time, so that it has the next at
hand while the main process is busy elsewhere, and more when the main process is about to be
busy for longer (`stock_up`, as the walk ends).

No order of message sizes can block both ends: the main process never waits to write. Its ends
of the task pipes are non-blocking; what a pipe does not take at once stays in the worker's
`outbox` and is written as the pipe empties, by the same `poll` that reads the answers
(`_exchange`). A worker may wait on either pipe, but only for the main process, which is
either busy for a while or in that `poll`, reading whatever any worker writes. Each
worker keeps the text of the files its prefilter passed over, so a later round (the callers of
wrappers found meanwhile) searches memory instead of reading 10,000 files again. A worker that
dies has its batches done in the main process, and its kept files are read again from disk when
needed.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from ws_migrate.scan import _sift

if TYPE_CHECKING:
    from ws_migrate.walk import SourceFile

BATCH = 125  # files per batch
_IN_FLIGHT = 2  # batches a worker holds: the one it works on and the next
_STOCK = 8  # ... and at most, stocked up before the main process is busy for a while
# readied before the other workers are forked from the first; JavaScript and Python on first
# use, by each worker: most trees are TypeScript, and the first worker's start-up is on the
# path of every worker's first file (the Python analysis alone took ≈ 12 ms of it)
_LANGUAGES = ("typescript", "tsx")
_STOP_WAIT = 5.0  # seconds a worker gets to finish its batch once the scan stops
_HEADER = 8
_FIND = -1  # in `Member.batches`: the answer owed is a search's
_T = TypeVar("_T")
_R = TypeVar("_R")


def _encode(message: object) -> bytes:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(_HEADER, "little") + data


def _send(fd: int, message: object) -> None:
    _write_all(fd, _encode(message))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError("the other end of the pipe is closed")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int) -> object:
    return pickle.loads(_read_exactly(fd, int.from_bytes(_read_exactly(fd, _HEADER), "little")))


def _serve(tasks: int, results: int) -> None:
    """A worker: answer the main process until it closes the pipe."""
    kept: _sift.Kept = {}
    while True:
        try:
            task: tuple[Any, ...] = _receive(tasks)  # type: ignore[assignment]
        except (EOFError, OSError):
            return  # the scan is over (or the main process is gone)
        if task[0] == "sift":  # ("sift", items, names, fields)
            answer: object = _sift.sift_batch(task[1], task[2], task[3], kept)
        elif task[0] == "given":  # ("given", items, texts, fields)
            answer = _sift.given_batch(task[1], task[2], task[3])
        else:  # ("find", names)
            answer = _sift.find_kept(kept, task[1])
        try:
            _send(results, answer)
        except OSError:
            return  # the scan stopped while this worker was busy


def _lead(ends: list[tuple[int, int]], known: frozenset[str]) -> None:
    """The first worker: ready the analysis, fork the others from itself, serve, reap them."""
    import gc

    # a file's analysis leaves no cycles behind: the collector would only slow it down
    gc.disable()
    _sift.known = known
    from ws_migrate.analyse import prepare

    prepare(_LANGUAGES)

    children = []
    for number in range(1, len(ends)):
        try:
            pid = os.fork()
        except OSError:  # no more processes: the main process finds those pipes closed
            break
        if pid == 0:
            _close_all(ends[:number] + ends[number + 1:])
            _exit_after(_serve, *ends[number])
        children.append(pid)
    _close_all(ends[1:])
    _serve(*ends[0])
    _close_all(ends[:1])
    for pid in children:
        os.waitpid(pid, 0)


def _exit_after(work: Callable[..., None], *args: Any) -> NoReturn:
    """In a forked child: do `work`, then end the process at once (exit 1 if it failed, with
    no traceback and none of the parent's clean-up run twice)."""
    code = 1
    try:
        work(*args)
        code = 0
    finally:
        os._exit(code)


def _close_all(ends: Sequence[tuple[int, ...]]) -> None:
    for pair in ends:
        for fd in pair:
            os.close(fd)


class _Batch:
    """Files for one worker: read there (`texts` None), or read already and sent along."""

    def __init__(self, files: list[SourceFile], names: tuple[str, ...], texts: list[bytes] | None = None) -> None:
        self.files = files
        self.names = names
        self.texts = texts

    def items(self) -> list[_sift.Item]:
        return [(f.rel, f.fspath, f.language, f.size) for f in self.files]


class Member:
    """One worker, as the main process sees it: its pipes, its batches, the files it keeps."""

    def __init__(self, tasks: int, results: int) -> None:
        self.tasks = tasks  # we write, never waiting (non-blocking)
        self.results = results  # we read, when `poll` says there is something
        os.set_blocking(tasks, False)
        self.outbox = bytearray()  # messages for it the pipe has not taken yet
        self.inbox = bytearray()  # the start of its next answer
        self.batches: deque[int] = deque()  # what it owes answers for, in order (_FIND: a search)
        self.kept: set[str] = set()  # files it holds in memory, by rel
        self.alive = True

    def send(self, message: object) -> bool:
        """Queue `message` and write what the pipe takes now; False when the worker is gone."""
        self.outbox += _encode(message)
        return self.flush()

    def flush(self) -> bool:
        """Write as much of the outbox as the pipe takes without waiting; False when the
        worker is gone."""
        try:
            while self.outbox:
                del self.outbox[:os.write(self.tasks, self.outbox)]
        except BlockingIOError:
            pass  # the pipe is full: the rest when `poll` says it has room
        except OSError:
            return False
        return True

    def take(self) -> list[object]:
        """Read what the pipe holds (at least a byte: `poll` said so) and return the answers it
        completes; EOFError or OSError when the worker died."""
        chunk = os.read(self.results, 1 << 20)
        if not chunk:
            raise EOFError("the other end of the pipe is closed")
        self.inbox += chunk
        answers = []
        while len(self.inbox) >= _HEADER:
            end = _HEADER + int.from_bytes(self.inbox[:_HEADER], "little")
            if len(self.inbox) < end:
                break
            answers.append(pickle.loads(self.inbox[_HEADER:end]))
            del self.inbox[:end]
        return answers


class Crew:
    """Forked worker processes fed batches of files (see the module's docstring)."""

    def __init__(self, leader: int, members: list[Member]) -> None:
        self.leader = leader
        self.members = members
        self.fields = ""  # the envelope's fields, "\0"-joined (what the analysis records)
        self.batches: list[_Batch] = []
        self.results: dict[int, list[_sift.Outcome]] = {}
        self._yielded = 0  # batches handed back by `in_order` so far
        self._waiting: deque[int] = deque()  # batches not sent yet
        self._filling: list[SourceFile] = []
        self.names: tuple[str, ...] = ()  # the names the next batches search for
        self.used = False
        self._released = False
        self._closed = False

    @classmethod
    def summon(cls, jobs: int, known: frozenset[str] = frozenset()) -> Crew | None:
        """Fork `jobs` workers (through one leader); None when no process can be had.

        `known`: content keys the cache holds (their files are not summarised again)."""
        if jobs < 2 or not hasattr(os, "fork"):
            return None
        ours: list[tuple[int, int]] = []
        theirs: list[tuple[int, int]] = []
        try:
            for _ in range(jobs):
                task_read, task_write = os.pipe()
                result_read, result_write = os.pipe()
                ours.append((task_write, result_read))
                theirs.append((task_read, result_write))
            pid = os.fork()
        except OSError:  # out of processes or descriptors (limits, memory): one process does all
            _close_all(ours + theirs)
            return None
        if pid == 0:
            try:
                os.setpgid(0, 0)  # its own group: the main process can stop it and its workers
            except OSError:
                pass  # then only the leader can be killed; its workers end with their pipes
            _close_all(ours)
            _exit_after(_lead, theirs, known)
        try:
            os.setpgid(pid, pid)  # either side may run first
        except OSError:
            pass
        _close_all(theirs)
        return cls(pid, [Member(*pair) for pair in ours])

    # --- feeding batches --------------------------------------------------------------------------

    def search_for(self, names: tuple[str, ...]) -> None:
        """The names the batches from now on search for."""
        if names != self.names:
            self._seal()
            self.names = names

    def add(self, f: SourceFile) -> None:
        """Queue `f` for the next batch; hand out whatever batches are ready meanwhile."""
        self.used = True
        self._filling.append(f)
        if len(self._filling) >= BATCH:
            self._seal()
            self._pump(0)

    def _seal(self) -> None:
        if self._filling:
            self._queue(_Batch(self._filling, self.names))
            self._filling = []

    def _queue(self, batch: _Batch) -> None:
        self._waiting.append(len(self.batches))
        self.batches.append(batch)

    def _pump(self, timeout: float | None) -> None:
        """Collect the answers ready within `timeout` (None: at least one), send more work."""
        for member in self.members:
            self._fill(member)
        busy = [m for m in self.members if m.alive and m.batches]
        if not busy:
            return
        for member, answer in _exchange(busy, timeout):
            if answer is _GONE:
                self._lost(member)
                continue
            self._answered(member, answer)
            self._fill(member)

    def _answered(self, member: Member, answer: object) -> None:
        """File a batch's answer (a worker answers in the order it was sent)."""
        number = member.batches.popleft()
        outcomes: list[_sift.Outcome] = answer  # type: ignore[assignment]
        self.results[number] = outcomes
        files = self.batches[number].files
        member.kept.update(f.rel for f, o in zip(files, outcomes) if o is None)

    def stock_up(self) -> None:
        """Send each worker more waiting batches than usual: the main process is about to be
        busy for a while (after the walk), and the workers would run out meanwhile."""
        self._seal()
        # one at a time to each in turn, and no more than half of what waits: batches differ in
        # cost (a Python back end parses a tenth of its files, not evenly), and those left are
        # handed to whichever worker is done first
        alive = sum(1 for m in self.members if m.alive) or 1
        stock = min(_STOCK, _IN_FLIGHT + -(-len(self._waiting) // (2 * alive)))
        for most in range(_IN_FLIGHT + 1, stock + 1):
            for member in self.members:
                self._fill(member, most)

    def _fill(self, member: Member, most: int = _IN_FLIGHT) -> None:
        """Send `member` waiting batches while it holds fewer than `most`."""
        while member.alive and self._waiting and len(member.batches) < most:
            number = self._waiting[0]
            batch = self.batches[number]
            message: tuple[object, ...]
            if batch.texts is None:
                message = ("sift", batch.items(), batch.names, self.fields)
            else:
                message = ("given", batch.items(), batch.texts, self.fields)
            self._waiting.popleft()
            member.batches.append(number)
            if not member.send(message):
                self._lost(member)

    def _lost(self, member: Member) -> None:
        """A worker died (killed, out of memory): its batches are done here, its files are not
        kept."""
        member.alive = False
        member.kept.clear()
        member.outbox.clear()
        while member.batches:
            number = member.batches.popleft()
            if number != _FIND:
                self._do_here(number)

    def _do_here(self, number: int) -> None:
        batch = self.batches[number]
        if batch.texts is None:
            self.results[number] = _sift.sift_batch(batch.items(), batch.names, self.fields)
        else:
            self.results[number] = _sift.given_batch(batch.items(), batch.texts, self.fields)

    def in_order(self) -> Iterator[tuple[list[SourceFile], list[_sift.Outcome]]]:
        """Each batch not handed back yet with its outcomes, in order, as soon as it is done
        (the next ones are worked on meanwhile)."""
        self._seal()
        while self._yielded < len(self.batches):
            number = self._yielded
            while number not in self.results:
                if any(m.alive for m in self.members):
                    self._pump(None)
                    continue
                for waiting in self._waiting:  # every worker died: the rest is done here
                    self._do_here(waiting)
                self._waiting.clear()
            self._yielded += 1
            yield self.batches[number].files, self.results.pop(number)

    def search(self, names: tuple[str, ...], files: Mapping[str, SourceFile]
               ) -> Iterator[tuple[SourceFile, _sift.Outcome]]:
        """The kept files that mention `names`, summarised, batch by batch as each is done. The
        workers find them in their memory; then they are shared out again in small batches, so
        that each worker gets as much to do whichever kept more of them. `files`: the kept
        files still wanted, by rel."""
        self._seal()
        asked: list[Member] = []
        for member in self.members:
            if member.alive and member.kept:
                member.batches.append(_FIND)
                if member.send(("find", names)):
                    asked.append(member)
                else:
                    self._lost(member)
        found: list[tuple[SourceFile, bytes]] = []
        while asked:
            for member, answer in _exchange(asked, None):
                if answer is _GONE:
                    asked.remove(member)
                    self._lost(member)
                    continue
                if member.batches[0] != _FIND:  # a batch sent before the search
                    self._answered(member, answer)
                    continue
                member.batches.popleft()
                asked.remove(member)
                hits: list[tuple[str, bytes]] = answer  # type: ignore[assignment]
                member.kept.difference_update(rel for rel, _ in hits)
                # a kept file not in `files` was summarised here meanwhile (linking needed it)
                found.extend((files[rel], data) for rel, data in hits if rel in files)
        found.sort(key=lambda pair: pair[0].rel)  # the same batches every run
        yield from self.summarise(found, names)

    def summarise(self, found: Sequence[tuple[SourceFile, bytes]], names: tuple[str, ...] = ()
                  ) -> Iterator[tuple[SourceFile, _sift.Outcome]]:
        """Files read already, summarised in small batches (four a worker, so that each gets
        as much to do), batch by batch as each is done."""
        self._seal()
        alive = sum(1 for m in self.members if m.alive) or 1
        size = max(1, -(-len(found) // (4 * alive)))
        for i in range(0, len(found), size):
            share = found[i:i + size]
            self._queue(_Batch([f for f, _ in share], names, [data for _, data in share]))
        for batch, outcomes in self.in_order():
            yield from zip(batch, outcomes)

    def kept(self) -> set[str]:
        return set().union(*(m.kept for m in self.members if m.alive))

    # --- stopping ---------------------------------------------------------------------------------

    def release(self) -> None:
        """Let the workers go, without waiting for them to end (`close` does). Idle ones read
        the end of their pipe; a busy one (the scan failed midway) finds it closed when it
        answers. A crew that never got work is killed."""
        if self._released:
            return
        self._released = True
        if not self.used:
            self._kill()
        for member in self.members:
            _close_all([(member.tasks, member.results)])

    def close(self) -> None:
        """Stop the workers and wait for them to end (killed if they do not, within 5 s)."""
        if self._closed:
            return
        self._closed = True
        self.release()
        if not _reaped(self.leader, _STOP_WAIT):
            self._kill()
            _reaped(self.leader, None)

    def _kill(self) -> None:
        try:
            os.killpg(self.leader, signal.SIGKILL)
        except OSError:  # its group is not set up yet
            try:
                os.kill(self.leader, signal.SIGKILL)
            except OSError:
                pass


def fork_map(fn: Callable[[_T], _R], items: Sequence[_T], jobs: int) -> list[_R] | None:
    """`[fn(x) for x in items]` in `jobs` forked processes, which inherit this one's memory (so
    only results travel, pickled), in order; None when no process can be forked.

    Chunks go to whichever worker is idle, one at a time. A worker that dies has its chunk done here, where `fn` raises what it raised
    there."""
    size = max(1, len(items) // (jobs * 4))
    chunks = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    members: list[Member] = []
    pids: list[int] = []
    try:
        for _ in range(min(jobs, len(chunks))):
            task_read, task_write = os.pipe()
            result_read, result_write = os.pipe()
            pid = os.fork()
            if pid == 0:
                _close_all([(m.tasks, m.results) for m in members] + [(task_write, result_read)])
                _exit_after(_map_chunks, fn, items, task_read, result_write)
            _close_all([(task_read, result_write)])
            members.append(Member(task_write, result_read))
            pids.append(pid)
    except OSError:  # out of processes or descriptors: those forked do it all
        if not members:
            return None
    try:
        return _mapped(fn, items, chunks, members)
    finally:
        _close_all([(m.tasks, m.results) for m in members])
        for pid in pids:
            _reaped(pid, None)


def _mapped(fn: Callable[[_T], _R], items: Sequence[_T], chunks: list[tuple[int, int]],
            members: list[Member]) -> list[_R]:
    """`fork_map`'s side in this process: hand out the chunks, gather their results."""
    results: list[list[_R] | None] = [None] * len(chunks)
    waiting = deque(range(len(chunks)))
    busy: dict[int, int] = {}  # worker → the chunk it works on

    def here(number: int) -> None:
        start, stop = chunks[number]
        results[number] = [fn(items[i]) for i in range(start, stop)]

    def hand_out(worker: int) -> None:
        while waiting:
            number = waiting.popleft()
            if members[worker].send(chunks[number]):
                busy[worker] = number
                return
            here(number)  # its pipe is closed: it died

    for worker in range(len(members)):
        hand_out(worker)
    while busy:
        for member, answer in _exchange([members[w] for w in busy], None):
            worker = members.index(member)
            number = busy.pop(worker)
            if answer is _GONE:  # it died: its chunk is done here, and no more there
                here(number)
                continue
            results[number] = answer  # type: ignore[call-overload]
            hand_out(worker)
    for number in waiting:  # every worker died: the rest is done here
        here(number)
    return [r for done in results for r in done or ()]


def _map_chunks(fn: Callable[[Any], Any], items: Sequence[Any], tasks: int, results: int) -> None:
    """A `fork_map` worker: map the chunks it is sent, until its pipe closes."""
    while True:
        try:
            bounds: tuple[int, int] = _receive(tasks)  # type: ignore[assignment]
        except (EOFError, OSError):
            return
        _send(results, [fn(items[i]) for i in range(*bounds)])


_GONE = object()  # what `_exchange` gives for a worker that died


def _exchange(members: Sequence[Member], timeout: float | None) -> list[tuple[Member, object]]:
    """The answers `members` give within `timeout` seconds (None: wait for at least one), as
    (member, answer) pairs in the order they came, with `_GONE` for a worker that died. Their
    outboxes are written meanwhile, as their pipes take them."""
    deadline = None if timeout is None else time.monotonic() + timeout
    by_fd = {m.results: m for m in members}
    got: list[tuple[Member, object]] = []
    while True:
        poller = select.poll()
        writing = {}
        for member in members:
            poller.register(member.results, select.POLLIN)
            if member.outbox:
                poller.register(member.tasks, select.POLLOUT)
                writing[member.tasks] = member
        wait = None if deadline is None else max(0.0, deadline - time.monotonic()) * 1000
        for fd, _ in poller.poll(wait):
            if fd in writing:
                if not writing[fd].flush():
                    got.append((writing[fd], _GONE))
                continue
            member = by_fd[fd]
            try:
                got.extend((member, answer) for answer in member.take())
            except (EOFError, OSError):
                got.append((member, _GONE))
        if got or (deadline is not None and time.monotonic() >= deadline):
            return _first_end(got)


def _first_end(got: list[tuple[Member, object]]) -> list[tuple[Member, object]]:
    """`got` with nothing after a member's `_GONE` (and that only once)."""
    gone: set[int] = set()
    kept = []
    for member, answer in got:
        if id(member) in gone:
            continue
        if answer is _GONE:
            gone.add(id(member))
        kept.append((member, answer))
    return kept


def _reaped(pid: int, timeout: float | None) -> bool:
    """Wait up to `timeout` seconds (None: for ever) for child `pid` to end; True when it did."""
    if timeout is None:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        return True
    deadline = time.monotonic() + timeout
    pause = 0.0005
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True
        if done:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
