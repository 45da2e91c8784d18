#!/usr/bin/env python3
"""This file is a small Confluent Schema Registry for the tests: the REST
endpoints the avro-confluent format uses, with Confluent's JSON answers and
error codes, in memory, on a free loopback port.

  POST /subjects/{subject}/versions  {"schema": "..."} -> {"id": N}
  POST /subjects/{subject}           {"schema": "..."} -> {"subject","version","id","schema"}
  GET  /schemas/ids/{id}                               -> {"schema": "..."}
  GET  /subjects, GET /subjects/{subject}/versions     (for the tests' checks)

Errors: 40401 subject not found, 40403 schema not found, 42201 invalid schema
(HTTP 422), 401 when --user is set and the request's basic auth differs. The
same schema gets the same id under every subject (ids are global, as in
Confluent's registry). Only the standard library is used.

usage: registry_server.py --port-file FILE [--user USER:PASSWORD] [--garbage]
The port is written to FILE (and printed) once the server listens; it runs
until killed. --garbage answers every request with 200 and a non-JSON body.
"""
import argparse
import base64
import json
import os
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json'


class Registry:
    def __init__(self):
        self.ids = {}        # canonical schema text -> id
        self.schemas = {}    # id -> schema text as first registered
        self.subjects = {}   # subject -> [id, ...] (version i+1 = list[i])

    @staticmethod
    def canonical(text):
        """Parses a schema; returns its canonical text, or None if invalid."""
        try:
            parsed = json.loads(text)
        except ValueError:
            return None
        if isinstance(parsed, str):
            ok = parsed in ('null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string')
        elif isinstance(parsed, dict):
            ok = isinstance(parsed.get('type'), (str, list, dict))
            if parsed.get('type') == 'record':
                ok = ok and isinstance(parsed.get('name'), str) and isinstance(parsed.get('fields'), list) and all(
                    isinstance(f, dict) and isinstance(f.get('name'), str) and 'type' in f
                    for f in parsed['fields'])
        else:
            ok = isinstance(parsed, list)
        return json.dumps(parsed, sort_keys=True, separators=(',', ':')) if ok else None


class Handler(BaseHTTPRequestHandler):
    registry = Registry()
    user = None
    garbage = False

    def log_message(self, fmt, *args):  # quiet: the tests read their own output
        pass

    def reply(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header('Content-Type', CONTENT_TYPE)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, code, message):
        self.reply(status, {'error_code': code, 'message': message})

    def authorized(self):
        if self.user is None:
            return True
        want = 'Basic ' + base64.b64encode(self.user.encode()).decode()
        if self.headers.get('Authorization') == want:
            return True
        self.error(401, 401, 'Unauthorized')
        return False

    def parts(self):
        path = urllib.parse.urlsplit(self.path).path
        return [urllib.parse.unquote(p) for p in path.strip('/').split('/')]

    def body_schema(self):
        n = int(self.headers.get('Content-Length') or 0)
        raw = self.rfile.read(n)
        try:
            req = json.loads(raw)
            schema = req['schema']
            if not isinstance(schema, str):
                raise ValueError
        except (ValueError, KeyError, TypeError):
            self.error(422, 42201, 'Invalid schema: the request has no "schema" string')
            return None, None
        canon = Registry.canonical(schema)
        return schema, canon

    def do_GET(self):
        if self.garbage:
            return self.garbage_reply()
        if not self.authorized():
            return
        p = self.parts()
        reg = self.registry
        if p == ['subjects']:
            return self.reply(200, sorted(reg.subjects))
        if len(p) == 3 and p[0] == 'schemas' and p[1] == 'ids':
            try:
                sid = int(p[2])
            except ValueError:
                return self.error(404, 40403, 'Schema %s not found' % p[2])
            if sid not in reg.schemas:
                return self.error(404, 40403, 'Schema %d not found' % sid)
            return self.reply(200, {'schema': reg.schemas[sid]})
        if len(p) == 3 and p[0] == 'subjects' and p[2] == 'versions':
            if p[1] not in reg.subjects:
                return self.error(404, 40401, "Subject '%s' not found." % p[1])
            return self.reply(200, list(range(1, len(reg.subjects[p[1]]) + 1)))
        self.error(404, 404, 'HTTP 404 Not Found')

    def do_POST(self):
        if self.garbage:
            return self.garbage_reply()
        if not self.authorized():
            return
        p = self.parts()
        reg = self.registry
        if len(p) == 3 and p[0] == 'subjects' and p[2] == 'versions':
            schema, canon = self.body_schema()
            if schema is None:
                return
            if canon is None:
                return self.error(422, 42201, 'Invalid schema %s' % schema)
            sid = reg.ids.get(canon)
            if sid is None:
                sid = len(reg.schemas) + 1
                reg.ids[canon] = sid
                reg.schemas[sid] = schema
            versions = reg.subjects.setdefault(p[1], [])
            if sid not in versions:
                versions.append(sid)
            return self.reply(200, {'id': sid})
        if len(p) == 2 and p[0] == 'subjects':
            schema, canon = self.body_schema()
            if schema is None:
                return
            if p[1] not in reg.subjects:
                return self.error(404, 40401, "Subject '%s' not found." % p[1])
            if canon is None:
                return self.error(422, 42201, 'Invalid schema %s' % schema)
            sid = reg.ids.get(canon)
            if sid is None or sid not in reg.subjects[p[1]]:
                return self.error(404, 40403, 'Schema not found')
            return self.reply(200, {'subject': p[1], 'version': reg.subjects[p[1]].index(sid) + 1, 'id': sid,
                                    'schema': reg.schemas[sid]})
        self.error(404, 404, 'HTTP 404 Not Found')

    def garbage_reply(self):
        body = b'<html><body>not a registry</body></html>'
        self.send_response(200)
        self.send_header('Content-Type', 'text/html')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--port-file', required=True)
    ap.add_argument('--user')
    ap.add_argument('--garbage', action='store_true')
    args = ap.parse_args()
    Handler.user = args.user
    Handler.garbage = args.garbage
    server = HTTPServer(('127.0.0.1', 0), Handler)
    port = server.server_address[1]
    tmp = args.port_file + '.tmp'
    with open(tmp, 'w') as f:
        f.write('%d\n' % port)
    os.rename(tmp, args.port_file)  # appears whole: readers never see a partial port
    print(port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
