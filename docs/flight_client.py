"""The calls of docs/flight.md from Python (pyarrow.flight).

Usage: python3 docs/flight_client.py grpc://127.0.0.1:8815 BOOK.arrow MARKET.json SCENARIOS.arrow
(HEDGEKIT_TOKEN=... adds the bearer token). Prints one JSON line with what it got.
"""
import json
import os
import sys
import threading

import pyarrow.flight as flight
import pyarrow.ipc as ipc

location, book_path, market_path, scenarios_path = sys.argv[1:5]
token = os.environ.get("HEDGEKIT_TOKEN")
headers = [(b"authorization", b"Bearer " + token.encode())] if token else []
options = flight.FlightCallOptions(headers=headers)
client = flight.connect(location)
with open(market_path) as f:
    market = json.load(f)
book = ipc.open_file(book_path).read_all()

# 1. Greeks over a streamed book: write on one thread, read on another.
command = json.dumps({"op": "greeks", "market": market}).encode()
writer, reader = client.do_exchange(flight.FlightDescriptor.for_command(command), options)
results = {}
reading = threading.Thread(target=lambda: results.update(table=reader.read_all()))
reading.start()
writer.begin(book.schema)
for batch in book.to_batches(max_chunksize=65536):
    writer.write_batch(batch)
writer.done_writing()
reading.join()
greeks = results["table"]
writer.close()

# 2. Store the book, the scenario set and the market.
def put(path, table):
    w, _ = client.do_put(flight.FlightDescriptor.for_path(*path), table.schema, options)
    w.write_table(table)
    w.close()

put(["books", "desk"], book)
put(["scenarios", "mc"], ipc.open_file(scenarios_path).read_all())
list(client.do_action(flight.Action("put-market", json.dumps({"name": "eod", "market": market}).encode()), options))
stored = {"/".join(p.decode() if isinstance(p, bytes) else p for p in f.descriptor.path): f.total_records
          for f in client.list_flights(options=options)}

# 3. VaR/ES on the stored names.
ticket = {"op": "var", "book": "desk", "market": "eod", "scenarios": "mc", "confidence": [0.99, 0.975], "method": "full"}
var = client.do_get(flight.Ticket(json.dumps(ticket).encode()), options).read_all().to_pylist()
figures = [r for r in var if r["row_type"] == "figure"]

health = json.loads(next(iter(client.do_action(flight.Action("health", b""), options))).body.to_pybytes())
print(json.dumps({"greeks_rows": greeks.num_rows, "book_value": sum(v for v in greeks.column("value").to_pylist() if v),
                  "stored": stored, "var": figures, "backend": health["backend"]}))
