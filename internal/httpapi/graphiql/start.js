// Starts GraphiQL against this server's /graphql. A file of its own, not an
// inline script, so that the page runs under script-src 'self'.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
    })
  );
})();
