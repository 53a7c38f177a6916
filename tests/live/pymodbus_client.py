#!/usr/bin/python3
"""Independent Modbus TCP client for the interoperability tests (tests/live/interop_test.cpp).

Writes one holding register and/or reads holding registers with pymodbus 3.0, then prints
"written", "registers: v1 v2 ..." or "exception N" so the C++ test can check the outcome.
Addresses are protocol (0-based) addresses: the pymodbus client sends them unchanged.
"""
import argparse
import sys

from pymodbus.client import ModbusTcpClient


def report(response, what):
    """Prints an error or exception response; returns True when `response` is one."""
    if not response.isError():
        return False
    code = getattr(response, "exception_code", None)
    print(f"exception {code}" if code is not None else f"error: {what}: {response}")
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--unit", type=int, required=True)
    parser.add_argument("--write", nargs=2, type=int, metavar=("ADDRESS", "VALUE"))
    parser.add_argument("--read", nargs=2, type=int, metavar=("ADDRESS", "COUNT"))
    args = parser.parse_args()

    client = ModbusTcpClient("127.0.0.1", port=args.port, timeout=2, retries=0)
    if not client.connect():
        print("error: cannot connect")
        return 2
    try:
        if args.write:
            response = client.write_register(args.write[0], args.write[1], slave=args.unit)
            if report(response, "write"):
                return 1
            print("written")
        if args.read:
            response = client.read_holding_registers(args.read[0], args.read[1], slave=args.unit)
            if report(response, "read"):
                return 1
            print("registers:", " ".join(str(value) for value in response.registers))
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
