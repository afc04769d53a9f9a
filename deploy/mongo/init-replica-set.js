// Single-node replica set: transactions and change streams need one (the outbox itself does not).
try {
  rs.status();
} catch (e) {
  rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "mongo:27017" }] });
}
