"""How `waystation run` ends, so the kiosk's session unit can tell a supervisor's choice from a crash.

| code | meaning |
|---|---|
| 0  | the application quit normally (not used by the kiosk itself) |
| 10 | LEFT_BY_SUPERVISOR: a supervisor left the kiosk for the desktop or a shell (helper console); the session unit must not start it again (`RestartPreventExitStatus=10`) |
| 11 | RESTART: a supervisor restarted the kiosk; `waystation run` starts itself again in the same process (exec), so the unit normally never sees it |
| 12 | SHUT_DOWN: a supervisor shut the machine down; the shutdown command has been started (`RestartPreventExitStatus=12`) |
| 2  | a configuration or start-up error the message names (another kiosk on the data dir, a missing key, ...) |
| other, or a signal | a crash: restart it |
"""

LEFT_BY_SUPERVISOR = 10
RESTART = 11
SHUT_DOWN = 12
