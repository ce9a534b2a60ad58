#!/usr/bin/env python3
# Runs a command inside a private D-Bus session bus with gnome-keyring's
# Secret Service, so that tests of OA2SecretTokenStore never touch the
# user's keyring and never skip.
#
#   secret-service-session.py COMMAND [ARG...]
#
# A temporary directory holds the bus configuration (no service
# activation: nothing but what this script starts can appear on the bus),
# the bus socket, and gnome-keyring's HOME/XDG directories. The bus and the
# keyring daemon are started here, waited for, and stopped by their PIDs
# when the command ends. The login keyring is created unlocked (--unlock
# with a throwaway password), so no prompt is ever shown. The command's exit status is
# this script's; a missing daemon is a failure (exit 1), not a skip.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def fail(message):
    print(f"secret-service-session: {message}", file=sys.stderr)
    sys.exit(1)


def wait_for_name(env, name, proc, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            fail(f"the process that should own {name} exited with {proc.returncode}")
        out = subprocess.run(
            ["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
             "--object-path", "/org/freedesktop/DBus",
             "--method", "org.freedesktop.DBus.NameHasOwner", name],
            env=env, capture_output=True, text=True)
        if out.returncode == 0 and "true" in out.stdout:
            return
        time.sleep(0.1)
    fail(f"{name} did not appear on the private bus within {timeout} s")


def stop(proc):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main():
    if len(sys.argv) < 2:
        fail("usage: secret-service-session.py COMMAND [ARG...]")
    for program in ("dbus-daemon", "gnome-keyring-daemon", "gdbus"):
        if shutil.which(program) is None:
            fail(f"{program} is not installed (build-aux/install-deps.sh installs it)")

    tmp = tempfile.mkdtemp(prefix="oa2-secret-")
    bus = keyring = None
    try:
        home = os.path.join(tmp, "home")
        runtime = os.path.join(tmp, "runtime")
        for d in (home, runtime):
            os.makedirs(d, mode=0o700)
        socket = os.path.join(tmp, "bus")
        config = os.path.join(tmp, "bus.conf")
        with open(config, "w") as f:
            f.write(BUS_CONFIG.format(socket=socket))

        env = dict(os.environ)
        env.update({
            "HOME": home,
            "XDG_RUNTIME_DIR": runtime,
            "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
            "XDG_CONFIG_HOME": os.path.join(home, ".config"),
            "XDG_CACHE_HOME": os.path.join(home, ".cache"),
            "DBUS_SESSION_BUS_ADDRESS": f"unix:path={socket}",
        })
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)

        # The daemons get the environment without the test's debugging
        # switches: gnome-keyring logs harmless warnings, which
        # G_DEBUG=fatal-warnings would turn into crashes.
        daemon_env = {k: v for k, v in env.items()
                      if k not in ("G_DEBUG", "G_ENABLE_DIAGNOSTIC", "MALLOC_CHECK_", "G_SLICE")
                      and not k.endswith("SAN_OPTIONS") and k != "LD_PRELOAD"}

        bus = subprocess.Popen(["dbus-daemon", "--nofork", "--nopidfile", f"--config-file={config}"],
                               env=daemon_env, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not os.path.exists(socket):
            if bus.poll() is not None or time.monotonic() > deadline:
                fail("the private dbus-daemon did not start")
            time.sleep(0.05)

        # --unlock reads the password of the login keyring from stdin, and
        # creates that keyring (the default collection) unlocked; an empty
        # password is ignored, so it is a throwaway one.
        keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--components=secrets", "--unlock"],
            env=daemon_env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        keyring.stdin.write(b"oa2-test-keyring")
        keyring.stdin.close()
        wait_for_name(env, "org.freedesktop.secrets", keyring)

        return subprocess.run(sys.argv[1:], env=env).returncode
    finally:
        stop(keyring)
        stop(bus)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
