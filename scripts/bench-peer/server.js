// The peer of `make bench-peer` (cmd/tulkki/benchpeer.go): the generic Neo4j
// GraphQL Library (@neo4j/graphql) serving Tulkki's graph as it is stored,
// with Apollo Server and no authorisation, so Tulkki's general read path can
// be compared with what a generic translator does on the same data.
//
//   PORT=18082 NEO4J_URI=bolt://127.0.0.1:7689 NEO4J_USERNAME=neo4j \
//   NEO4J_PASSWORD=… node server.js
//
// Routes: POST /graphql (the API), GET /stats (Cypher statements run since
// start, as JSON), GET /healthz.
import http from "node:http";

import { ApolloServer, HeaderMap } from "@apollo/server";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

// Tulkki's labels, properties and relationships (docs/model.md), only the
// parts the benchmark's queries read. Enumerations are plain strings: the
// peer reads whatever is stored and checks nothing.
const typeDefs = /* GraphQL */ `
  type Person @node {
    id: ID!
    name: String!
    headline: String
    region: String
    visibility: String!
    experiences: [Experience!]! @relationship(type: "HAS_EXPERIENCE", direction: OUT)
  }

  type Experience @node {
    id: ID!
    kind: String!
    roleTitle: String
    startDate: Date!
    endDate: Date
    person: [Person!]! @relationship(type: "HAS_EXPERIENCE", direction: IN)
    organisation: [Organisation!]! @relationship(type: "AT", direction: OUT)
  }

  type Organisation @node {
    id: ID!
    name: String!
    kind: String!
    region: String
    sector: [Sector!]! @relationship(type: "IN_SECTOR", direction: OUT)
    topics: [Topic!]! @relationship(type: "INTERESTED_IN", direction: OUT)
    experiences: [Experience!]! @relationship(type: "AT", direction: IN)
    collaborations: [Collaboration!]!
      @relationship(type: "PARTNER_IN", direction: OUT, properties: "PartnerIn")
  }

  type PartnerIn @relationshipProperties {
    role: String!
  }

  type Sector @node {
    code: String!
    nameEn: String
  }

  type Topic @node {
    id: ID!
    name: String!
  }

  type Collaboration @node {
    id: ID!
    title: String!
    phase: String!
    form: String!
  }
`;

const port = Number(process.env.PORT || 18082);
const uri = process.env.NEO4J_URI || "bolt://127.0.0.1:7689";
const user = process.env.NEO4J_USERNAME || "neo4j";
const password = process.env.NEO4J_PASSWORD || "tulkki-local-password";

// statements counts every Cypher statement the library runs, whichever way
// it runs it: in a managed transaction (what @neo4j/graphql 7 does for
// queries), an explicit one, or on the session itself.
let statements = 0;

function countingTransaction(tx) {
  return new Proxy(tx, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "run" && typeof value === "function") {
        return (...args) => {
          statements++;
          return value.apply(target, args);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function countingSession(session) {
  return new Proxy(session, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") {
        return value;
      }
      switch (prop) {
        case "run":
          return (...args) => {
            statements++;
            return value.apply(target, args);
          };
        case "executeRead":
        case "executeWrite":
          return (work, config) => value.call(target, (tx) => work(countingTransaction(tx)), config);
        case "beginTransaction":
          return (...args) => countingTransaction(value.apply(target, args));
        default:
          return value.bind(target);
      }
    },
  });
}

const realDriver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
  maxConnectionPoolSize: 64,
});
const driver = new Proxy(realDriver, {
  get(target, prop) {
    const value = Reflect.get(target, prop, target);
    if (prop === "session" && typeof value === "function") {
      return (...args) => countingSession(value.apply(target, args));
    }
    return typeof value === "function" ? value.bind(target) : value;
  },
});

const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
if (process.argv.includes("--print-schema")) {
  const { printSchema } = await import("graphql");
  console.log(printSchema(schema));
  await realDriver.close();
  process.exit(0);
}
const apollo = new ApolloServer({ schema, introspection: true });
await apollo.start();

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res, status, headers, body) {
  res.writeHead(status, headers);
  res.end(body);
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://localhost");
    if (req.method === "GET" && url.pathname === "/stats") {
      send(res, 200, { "content-type": "application/json" }, JSON.stringify({ statements }));
      return;
    }
    if (req.method === "GET" && url.pathname === "/healthz") {
      send(res, 200, { "content-type": "application/json" }, '{"status":"ok"}');
      return;
    }
    if (url.pathname !== "/graphql") {
      send(res, 404, { "content-type": "text/plain" }, "not found\n");
      return;
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) {
        headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      }
    }
    const raw = await readBody(req);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method,
        headers,
        search: url.search,
        body: raw ? JSON.parse(raw) : undefined,
      },
      context: async () => ({}),
    });
    const out = {};
    for (const [k, v] of result.headers) {
      out[k] = v;
    }
    if (result.body.kind === "complete") {
      send(res, result.status || 200, out, result.body.string);
      return;
    }
    res.writeHead(result.status || 200, out);
    for await (const chunk of result.body.asyncIterator) {
      res.write(chunk);
    }
    res.end();
  } catch (err) {
    send(res, 500, { "content-type": "application/json" }, JSON.stringify({ errors: [{ message: String(err) }] }));
  }
});

server.listen(port, "127.0.0.1", () => {
  console.log(`bench peer (@neo4j/graphql) on http://127.0.0.1:${port}/graphql, Neo4j at ${uri}`);
});

async function shutdown() {
  server.close();
  await apollo.stop();
  await realDriver.close();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
