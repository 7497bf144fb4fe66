using System.Collections.Generic;
using System.Linq;
using OpenStack.Generator.Model;

namespace OpenStack.Generator.Emit;

/// <summary>Emits the Refit interface of a resource and the client class users call.</summary>
internal static class ApiEmitter
{
    private const string Async = "Async";

    public static string RefitInterface(GeneratorOptions o, BoundResource b)
    {
        var r = b.Resource;
        var w = ModelEmitter.Begin(Names.Namespace(o, b.Service), ModelEmitter.SpecName(r));
        w.Summary("The HTTP operations on " + r.Plural + ", described for Refit (which implements this interface at build time).",
            "Paths are relative to the service's versioned endpoint. Most callers want " + Names.ClientClass(r) + ", which adds paging, envelopes and typed errors.");
        w.Open("public partial interface " + Names.ApiInterface(r));
        var idParams = r.ItemParams.ToList();
        var collectionParams = r.CollectionParams.ToList();
        if (r.List is not null)
        {
            var query = "[" + Names.Refit + ".Query, " + Names.Refit + ".QueryConverter(typeof(" + Names.ListOptions(r) + "Query))] " + Names.ListOptions(r) + "? options";
            Doc(w, r.List.Description ?? "Lists " + r.Plural + " (one page).");
            w.Line("[" + Names.Refit + ".Get(" + Route(r.List.Path) + ")]");
            w.Line(Names.Tasks + ".Task<" + Names.ListPage(r) + "> List" + Async + "(" + Params(collectionParams, query, CtParam()) + ");");
            w.Line();
            if (r.List.SummaryPath is not null)
            {
                Doc(w, "Lists " + r.Plural + " with fewer details (one page).");
                w.Line("[" + Names.Refit + ".Get(" + Route(r.List.SummaryPath) + ")]");
                w.Line(Names.Tasks + ".Task<" + Names.ListPage(r) + "> ListSummary" + Async + "(" + Params(collectionParams, query, CtParam()) + ");");
                w.Line();
            }
        }
        if (r.Get is not null)
        {
            Doc(w, r.Get.Description ?? "Gets one " + r.Name + ".");
            w.Line("[" + Names.Refit + ".Get(" + Route(r.ItemPath) + ")]");
            w.Line(Names.Tasks + ".Task<" + ItemWire(r) + "> Get" + Async + "(" + Params(idParams, CtParam()) + ");");
            w.Line();
        }
        if (r.Create is not null)
        {
            Doc(w, r.Create.Description ?? "Creates " + r.Name + ".");
            w.Line("[" + Names.Refit + ".Post(" + Route(r.CollectionPath) + ")]");
            var body = r.ItemEnvelope is null ? Names.CreateOptions(r) : Names.CreateRequest(r);
            w.Line(Names.Tasks + ".Task<" + ItemWire(r) + "> Create" + Async + "(" + Params(collectionParams, "[" + Names.Refit + ".Body] " + body + " body", CtParam()) + ");");
            w.Line();
        }
        if (r.Update is not null)
        {
            var u = r.Update;
            Doc(w, u.Description ?? "Updates " + r.Name + ".");
            w.Line("[" + Names.Refit + "." + (u.Style == "put" ? "Put" : "Patch") + "(" + Route(r.ItemPath) + ")]");
            if (u.ContentType is not null) w.Line("[" + Names.Refit + ".Headers(" + CodeWriter.Literal("Content-Type: " + u.ContentType) + ")]");
            var body = u.Style == "json-patch" ? Names.Nodes + ".JsonArray"
                : r.ItemEnvelope is null ? Names.UpdateOptions(r) : Names.UpdateRequest(r);
            w.Line(Names.Tasks + ".Task<" + ItemWire(r) + "> Update" + Async + "(" + Params(idParams, "[" + Names.Refit + ".Body] " + body + " body", CtParam()) + ");");
            w.Line();
        }
        if (r.Delete is not null)
        {
            Doc(w, r.Delete.Description ?? "Deletes " + r.Name + ".");
            w.Line("[" + Names.Refit + ".Delete(" + Route(r.ItemPath) + ")]");
            w.Line(Names.Tasks + ".Task Delete" + Async + "(" + Params(idParams, CtParam()) + ");");
            w.Line();
        }
        foreach (var a in r.Actions)
        {
            Doc(w, a.Description ?? "The " + a.Name + " action.");
            w.Line("[" + Names.Refit + "." + Pascal(a.Method) + "(" + Route(a.Path) + ")]");
            var ps = PathParams(a.PathParams);
            switch (a.RequestBody)
            {
                case "stream":
                    ps.Add("[" + Names.Refit + ".Body] global::System.Net.Http.HttpContent content");
                    break;
                case "json":
                    ps.Add("[" + Names.Refit + ".Body] " + (a.RequestEnvelope is null ? Names.ActionRequest(r, a) : Names.ActionEnvelope(r, a)) + " body");
                    break;
            }
            ps.Add(CtParam());
            w.Line(ActionWireReturn(r, a) + " " + a.CsName + Async + "(" + string.Join(", ", ps) + ");");
            w.Line();
        }
        w.Close();
        return w.ToString();
    }

    public static string Client(GeneratorOptions o, BoundResource b)
    {
        var r = b.Resource;
        var s = b.Service;
        var w = ModelEmitter.Begin(Names.Namespace(o, s), ModelEmitter.SpecName(r));
        var name = Names.ClientClass(r);
        var api = Names.ApiInterface(r);
        var context = ModelEmitter.ContextRef(o, s, r);
        w.Summary("Operations on " + r.Plural + " of the " + (s.Title ?? s.Type + " " + s.Version) + " API.",
            "Thread-safe; share one instance. Failures throw OpenStackException with the status, request id and the server's message. Members are virtual so tests can mock them.");
        w.Open("public partial class " + name);
        w.Line("private readonly global::System.Net.Http.HttpClient _http;");
        w.Line("private " + api + "? _refitApi;");
        if (s.Microversion is not null) w.Line("private readonly global::OpenStack.Catalog.MicroversionNegotiator? _microversions;");
        w.Line();
        w.Summary("Creates the client over an HttpClient whose BaseAddress is the service's versioned endpoint (ending in '/').");
        if (s.Microversion is not null)
        {
            w.Line("/// <param name=\"http\">The service's HttpClient.</param>");
            w.Line("/// <param name=\"microversions\">The service's negotiated microversion, used to refuse fields and actions it lacks; null skips those checks.</param>");
            w.Line("public " + name + "(global::System.Net.Http.HttpClient http, global::OpenStack.Catalog.MicroversionNegotiator? microversions = null)");
        }
        else w.Line("public " + name + "(global::System.Net.Http.HttpClient http)");
        w.Line("{");
        w.Line("    _http = http ?? throw new global::System.ArgumentNullException(nameof(http));");
        if (s.Microversion is not null) w.Line("    _microversions = microversions;");
        w.Line("}");
        w.Line();
        w.Summary("For mocking frameworks only.");
        w.Line("protected " + name + "()");
        w.Line("{");
        w.Line("    _http = null!;");
        w.Line("}");
        w.Line();
        w.Summary("The raw Refit interface, for calls this client does not wrap.");
        w.Line("public virtual " + api + " Api => RefitApi;");
        w.Line();
        // Not made in the constructor: the service class creates all of its clients, and a client whose Refit methods
        // are never called must not reach its JSON context, or Native AOT keeps that context's metadata in the program.
        // The field is read first, as for the service properties (RootEmitter), so the delegate is made only once.
        w.Line("private " + api + " RefitApi => _refitApi ?? global::System.Threading.LazyInitializer.EnsureInitialized(ref _refitApi, CreateRefitApi);");
        w.Line();
        w.Line("private " + api + " CreateRefitApi() => " + Names.Refit + ".RestService.ForGenerated<" + api + ">(_http, " + ModelEmitter.Context(o, s, r) + "Refit.Settings);");
        w.Line();
        var idParams = r.ItemParams.ToList();
        var idArgs = Args(idParams);
        var collectionParams = r.CollectionParams.ToList();
        if (r.List is not null)
        {
            EmitList(w, r, context, s, "List", r.List.Path, (r.List.Description ?? "Lists " + r.Plural + "."));
            if (r.List.SummaryPath is not null)
                EmitList(w, r, context, s, "ListSummary", r.List.SummaryPath, "Lists " + r.Plural + " with fewer details (the service fills only some properties).");
            EmitListUri(w, o, s, r);
        }
        if (r.Get is not null)
        {
            Doc(w, r.Get.Description ?? "Gets one " + r.Name + ".", throws: true);
            w.Line("public virtual async " + Names.Tasks + ".Task<" + r.Name + "> Get" + Async + "(" + ClientParams(idParams, CtParam() + " = default") + ")");
            w.Line("{");
            w.Line("    var response = await global::OpenStack.Http.OpenStackHttp.GetJsonAsync(_http, " + PathExpression(r.ItemPath) + ", " + Route(r.ItemPath) + ", "
                + context + "." + Names.TypeInfoName(s, r, ItemWire(r)) + ", cancellationToken).ConfigureAwait(false);");
            w.Line("    return " + Unwrap(r, "response") + ";");
            w.Line("}");
            w.Line();
        }
        if (r.Create is not null)
        {
            Doc(w, r.Create.Description ?? "Creates " + r.Name + ".", throws: true);
            w.Line("public virtual async " + Names.Tasks + ".Task<" + r.Name + "> Create" + Async + "(" + ClientParams(collectionParams, Names.CreateOptions(r) + " options", CtParam() + " = default") + ")");
            w.Line("{");
            w.Line("    if (options is null) throw new global::System.ArgumentNullException(nameof(options));");
            VersionChecks(w, s, Names.CreateOptions(r), "options", r.Create.Fields);
            var body = r.ItemEnvelope is null ? "options" : "new " + Names.CreateRequest(r) + " { Item = options }";
            w.Line("    var response = await global::OpenStack.Http.RefitCall.Run(RefitApi.Create" + Async + "(" + Join(Args(collectionParams), body, "cancellationToken") + ")).ConfigureAwait(false);");
            w.Line("    return " + Unwrap(r, "response") + ";");
            w.Line("}");
            w.Line();
        }
        if (r.Update is not null)
        {
            var u = r.Update;
            Doc(w, u.Description ?? "Updates " + r.Name + "; only the properties set in options change.", throws: true);
            w.Line("public virtual async " + Names.Tasks + ".Task<" + r.Name + "> Update" + Async + "(" + ClientParams(idParams, Names.UpdateOptions(r) + " options", CtParam() + " = default") + ")");
            w.Line("{");
            w.Line("    if (options is null) throw new global::System.ArgumentNullException(nameof(options));");
            VersionChecks(w, s, Names.UpdateOptions(r), "options", u.Fields);
            var body = u.Style == "json-patch" ? "options.ToJsonPatch()"
                : r.ItemEnvelope is null ? "options" : "new " + Names.UpdateRequest(r) + " { Item = options }";
            w.Line("    var response = await global::OpenStack.Http.RefitCall.Run(RefitApi.Update" + Async + "(" + Join(idArgs, body, "cancellationToken") + ")).ConfigureAwait(false);");
            w.Line("    return " + Unwrap(r, "response") + ";");
            w.Line("}");
            w.Line();
        }
        if (r.Delete is not null)
        {
            Doc(w, r.Delete.Description ?? "Deletes " + r.Name + ".", throws: true);
            w.Line("public virtual " + Names.Tasks + ".Task Delete" + Async + "(" + ClientParams(idParams, CtParam() + " = default") + ")");
            w.Line("    => global::OpenStack.Http.RefitCall.Run(RefitApi.Delete" + Async + "(" + Join(idArgs, "cancellationToken") + "));");
            w.Line();
        }
        foreach (var a in r.Actions) EmitAction(w, s, r, a);
        if (r.Status is not null) EmitWaiters(w, r, r.Status, idParams);
        w.Close();
        return w.ToString();
    }

    // Every page is read through OpenStackHttp, which deserializes while the body streams in; the Refit
    // method of the same list stays on the interface for callers who want it.
    private static void EmitList(CodeWriter w, ResourceModel r, string context, ServiceModel s, string method, string path, string description)
    {
        var ps = r.CollectionParams.ToList();
        var args = Args(ps);
        Doc(w, description + " Pages are fetched lazily as the sequence is enumerated.", throws: false);
        w.Line("public virtual global::OpenStack.Paging.AsyncPageable<" + r.Name + "> " + method + Async + "(" + ClientParams(ps, Names.ListOptions(r) + "? options = null", CtParam() + " = default") + ")");
        w.Line("{");
        foreach (var p in args) w.Line("    if (" + p + " is null) throw new global::System.ArgumentNullException(nameof(" + p + "));");
        var pageInfo = context + "." + Names.TypeInfoName(s, r, Names.ListPage(r));
        // A bare-array page may be null: some services answer an empty listing with 204 and no body.
        var bare = r.ListEnvelope is null;
        var page = bare ? "page?" : "page";
        w.Line("    var path = " + PathExpression(path) + ";");
        string FirstPage(string options) => "await global::OpenStack.Http.OpenStackHttp." + (bare ? "GetJsonOrNullAsync" : "GetJsonAsync")
            + "(_http, ListUri(path, " + options + "), " + Route(path) + ", " + pageInfo + ", ct).ConfigureAwait(false)";
        switch (r.Pagination.Kind)
        {
            case "next":
            case "links":
                w.Line("    var listUri = new global::System.Uri(_http.BaseAddress!, path);");
                w.Line("    return global::OpenStack.Paging.Pageable.Create<" + r.Name + ">(async (next, ct) =>");
                w.Line("    {");
                w.Line("        var page = next is null");
                w.Line("            ? " + FirstPage("options"));
                w.Line("            : await global::OpenStack.Http.OpenStackHttp.GetJsonAsync(_http, global::OpenStack.Paging.PageLinks.Resolve(listUri, next), " + Route(path) + ", " + pageInfo + ", ct).ConfigureAwait(false);");
                w.Line("        return new global::OpenStack.Paging.Page<" + r.Name + ">(" + page + ".Items ?? global::System.Array.Empty<" + r.Name + ">(), " + page + ".NextLink);");
                w.Line("    }, cancellationToken);");
                break;
            case "marker":
                var markerNames = r.Pagination.MarkerFields.Count == 0 ? new[] { "id" } : r.Pagination.MarkerFields.ToArray();
                var markerExpr = string.Join(" ?? ", markerNames.Select(n => "items[items.Count - 1]." + (r.Fields.FirstOrDefault(f => f.JsonName == n)?.CsName ?? Parse.Naming.Pascal(n))));
                w.Line("    return global::OpenStack.Paging.Pageable.Create<" + r.Name + ">(async (next, ct) =>");
                w.Line("    {");
                w.Line("        var query = next is null ? options : (options ?? new " + Names.ListOptions(r) + "()).WithMarker(next);");
                w.Line("        var page = " + FirstPage("query") + ";");
                w.Line("        var items = " + page + ".Items ?? global::System.Array.Empty<" + r.Name + ">();");
                w.Line("        return new global::OpenStack.Paging.Page<" + r.Name + ">(items, items.Count == 0 ? null : " + markerExpr + ");");
                w.Line("    }, cancellationToken);");
                break;
            default:
                w.Line("    return global::OpenStack.Paging.Pageable.Create<" + r.Name + ">(async (next, ct) =>");
                w.Line("    {");
                w.Line("        var page = " + FirstPage("options") + ";");
                w.Line("        return new global::OpenStack.Paging.Page<" + r.Name + ">(" + page + ".Items ?? global::System.Array.Empty<" + r.Name + ">(), null);");
                w.Line("    }, cancellationToken);");
                break;
        }
        w.Line("}");
        w.Line();
    }

    /// <summary>The list path with the options as its query, written by the same converter Refit's method uses.</summary>
    private static void EmitListUri(CodeWriter w, GeneratorOptions o, ServiceModel s, ResourceModel r)
    {
        w.Line("private static readonly " + Names.ListOptions(r) + "Query ListQuery = new();");
        w.Line();
        w.Line("private static string ListUri(string path, " + Names.ListOptions(r) + "? options)");
        w.Line("{");
        w.Line("    if (options is null) return path;");
        w.Line("    var query = new " + Names.Refit + ".GeneratedQueryStringBuilder(path);");
        w.Line("    ListQuery.Flatten(options, \"\", ref query, " + ModelEmitter.Context(o, s, r) + "Refit.Settings);");
        w.Line("    return query.Build();");
        w.Line("}");
        w.Line();
    }

    /// <summary>"servers/{server_id}/os-interface" → a C# expression with each parameter escaped.</summary>
    private static string PathExpression(string path)
    {
        var parts = new List<string>();
        var last = 0;
        foreach (System.Text.RegularExpressions.Match m in Parse.SpecParser.PathParam.Matches(path))
        {
            if (m.Index > last) parts.Add(CodeWriter.Literal(path.Substring(last, m.Index - last)));
            parts.Add("global::System.Uri.EscapeDataString(" + Parse.Naming.Camel(m.Groups[1].Value) + ")");
            last = m.Index + m.Length;
        }
        if (last < path.Length) parts.Add(CodeWriter.Literal(path.Substring(last)));
        return parts.Count == 0 ? "\"\"" : string.Join(" + ", parts);
    }

    /// <summary>Refuses, before anything is sent, fields the negotiated microversion does not have.</summary>
    private static void VersionChecks(CodeWriter w, ServiceModel s, string owner, string variable, IEnumerable<FieldModel> fields)
    {
        if (s.Microversion is null) return;
        var versioned = fields.Where(f => f.MinVersion is not null || f.MaxVersion is not null).ToList();
        if (versioned.Count == 0) return;
        w.Line("    if (_microversions is not null)");
        w.Line("    {");
        foreach (var f in versioned)
            w.Line("        if (" + variable + "." + f.CsName + " is not null) await _microversions.EnsureAsync(" + CodeWriter.Literal(owner + "." + f.CsName) + ", "
                + Lit(f.MinVersion) + ", " + Lit(f.MaxVersion) + ", cancellationToken).ConfigureAwait(false);");
        w.Line("    }");
    }

    private static string Lit(string? value) => value is null ? "null" : CodeWriter.Literal(value);

    private static void EmitAction(CodeWriter w, ServiceModel s, ResourceModel r, ActionModel a)
    {
        var ps = PathParams(a.PathParams, refit: false);
        var args = a.PathParams.Select(p => Parse.Naming.Camel(p.JsonName)).ToList();
        switch (a.RequestBody)
        {
            case "stream":
                ps.Add("global::System.IO.Stream data");
                break;
            case "json":
                ps.Add(Names.ActionRequest(r, a) + " request");
                break;
        }
        ps.Add(CtParam() + " = default");
        var returns = a.ResponseBody == "resource" ? Names.Tasks + ".Task<" + r.Name + ">"
            : a.ResponseBody == "json" ? Names.Tasks + ".Task<" + Names.Type(a.ResponseType!, mutable: false) + ">"
            : Names.ActionReturnsResponseObject(a) ? Names.Tasks + ".Task<" + Names.ActionResponse(r, a) + ">"
            : Names.Tasks + ".Task";
        var summary = (a.Description ?? "The " + a.Name + " action.") + (a.RequestBody == "stream" ? " The data is streamed, never buffered whole; the caller keeps ownership of it." : "");
        if (a.MinVersion is not null) summary += " Needs microversion " + a.MinVersion + " or later.";
        Doc(w, summary, throws: true);
        w.Line("public virtual async " + returns + " " + a.CsName + Async + "(" + string.Join(", ", ps) + ")");
        w.Line("{");
        if (s.Microversion is not null && (a.MinVersion is not null || a.MaxVersion is not null))
            w.Line("    if (_microversions is not null) await _microversions.EnsureAsync(" + CodeWriter.Literal(Names.ClientClass(r) + "." + a.CsName + Async) + ", "
                + Lit(a.MinVersion) + ", " + Lit(a.MaxVersion) + ", cancellationToken).ConfigureAwait(false);");
        switch (a.RequestBody)
        {
            case "stream":
                w.Line("    if (data is null) throw new global::System.ArgumentNullException(nameof(data));");
                w.Line("    using var content = new global::System.Net.Http.StreamContent(new global::OpenStack.Streams.NonClosingStream(data));");
                w.Line("    content.Headers.ContentType = new global::System.Net.Http.Headers.MediaTypeHeaderValue(" + CodeWriter.Literal(a.RequestContentType ?? "application/octet-stream") + ");");
                args.Add("content");
                break;
            case "json":
                w.Line("    if (request is null) throw new global::System.ArgumentNullException(nameof(request));");
                VersionChecks(w, s, Names.ActionRequest(r, a), "request", a.RequestFields);
                args.Add(a.RequestEnvelope is null ? "request" : "new " + Names.ActionEnvelope(r, a) + " { Item = request }");
                break;
        }
        args.Add("cancellationToken");
        var call = "global::OpenStack.Http.RefitCall.Run(RefitApi." + a.CsName + Async + "(" + string.Join(", ", args) + "))";
        if (a.ResponseBody == "resource")
        {
            w.Line("    var response = await " + call + ".ConfigureAwait(false);");
            w.Line("    return " + Unwrap(r, "response") + ";");
        }
        else if (a.ResponseBody == "json")
        {
            w.Line("    var response = await " + call + ".ConfigureAwait(false);");
            w.Line(a.ResponseEnvelope is null
                ? "    return response;"
                : "    return response.Item ?? throw " + MissingKey(a.ResponseEnvelope) + ";");
        }
        else if (Names.ActionReturnsResponseObject(a))
        {
            w.Line("    var response = await " + call + ".ConfigureAwait(false);");
            w.Line("    var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);");
            w.Line("    return new " + Names.ActionResponse(r, a) + "(new global::OpenStack.Http.StreamResponse(response, stream));");
        }
        else
        {
            w.Line("    await " + call + ".ConfigureAwait(false);");
        }
        w.Line("}");
        w.Line();
    }

    private static void EmitWaiters(CodeWriter w, ResourceModel r, StatusModel st, List<FieldModel> idParams)
    {
        var args = Args(idParams);
        var what = CodeWriter.Literal(Parse.Naming.Snake(r.Name).Replace('_', ' ') + " ") + (args.Count == 0 ? "" : " + " + args[args.Count - 1]);
        var failures = "new[] { " + string.Join(", ", st.Failures.Select(CodeWriter.Literal)) + " }";
        Doc(w, "Polls until " + ModelEmitter.Article(r.Name) + " reaches one of the target statuses, failing early on "
            + (st.Failures.Count == 0 ? "nothing but errors" : string.Join(" or ", st.Failures)) + (st.FaultExpression is null ? "" : " with the service's fault") + ".");
        w.Line("/// <exception cref=\"global::OpenStack.Waiting.ResourceStatusException\">It reached a failure status.</exception>");
        w.Line("/// <exception cref=\"global::System.TimeoutException\">The wait's timeout passed first.</exception>");
        w.Line("public virtual " + Names.Tasks + ".Task<" + r.Name + "> WaitForStatus" + Async + "(" + ClientParams(idParams,
            "global::System.Collections.Generic.IEnumerable<string> targets", "global::OpenStack.Waiting.WaitOptions? options = null",
            "global::System.IProgress<" + r.Name + ">? progress = null", CtParam() + " = default") + ")");
        w.Line("    => global::OpenStack.Waiting.StatusWaiter.WaitForStatusAsync(" + what + ", ct => Get" + Async + "(" + Join(args, "ct") + "),");
        w.Line("        x => x." + st.StatusExpression + ", " + (st.FaultExpression is null ? "null" : "x => x." + st.FaultExpression) + ", targets, " + failures + ", options, progress, cancellationToken);");
        w.Line();
        Doc(w, "Polls until " + ModelEmitter.Article(r.Name) + " reaches the target status; see the overload taking several.");
        w.Line("/// <exception cref=\"global::OpenStack.Waiting.ResourceStatusException\">It reached a failure status.</exception>");
        w.Line("/// <exception cref=\"global::System.TimeoutException\">The wait's timeout passed first.</exception>");
        w.Line("public virtual " + Names.Tasks + ".Task<" + r.Name + "> WaitForStatus" + Async + "(" + ClientParams(idParams,
            "string target", "global::OpenStack.Waiting.WaitOptions? options = null",
            "global::System.IProgress<" + r.Name + ">? progress = null", CtParam() + " = default") + ")");
        w.Line("    => WaitForStatus" + Async + "(" + Join(args, "new[] { target ?? throw new global::System.ArgumentNullException(nameof(target)) }", "options", "progress", "cancellationToken") + ");");
        w.Line();
        if (r.Delete is null) return;
        var deleteFailures = "new[] { " + string.Join(", ", st.DeleteFailures.Select(CodeWriter.Literal)) + " }";
        if (st.DeleteFailures.Count == 0) deleteFailures = "global::System.Array.Empty<string>()";
        Doc(w, "Polls until " + ModelEmitter.Article(r.Name) + " is gone (the service answers 404)" + (st.DeleteFailures.Count == 0 ? "." : ", failing early on " + string.Join(" or ", st.DeleteFailures) + "."));
        w.Line("/// <exception cref=\"global::OpenStack.Waiting.ResourceStatusException\">The deletion failed.</exception>");
        w.Line("/// <exception cref=\"global::System.TimeoutException\">It still existed when the timeout passed.</exception>");
        w.Line("public virtual " + Names.Tasks + ".Task WaitForDelete" + Async + "(" + ClientParams(idParams, "global::OpenStack.Waiting.WaitOptions? options = null", CtParam() + " = default") + ")");
        w.Line("    => global::OpenStack.Waiting.StatusWaiter.WaitForDeleteAsync(" + what + ", async ct => (await Get" + Async + "(" + Join(args, "ct") + ").ConfigureAwait(false))." + st.StatusExpression + ",");
        w.Line("        " + deleteFailures + ", options, cancellationToken);");
        w.Line();
    }

    private static string MissingKey(string key)
        => "new global::OpenStack.OpenStackException(" + CodeWriter.Literal("The response has no '" + key + "' key.") + ", 200, null, null, null, null, null, null)";

    private static string Unwrap(ResourceModel r, string variable)
        => r.ItemEnvelope is null
            ? variable
            : variable + ".Item ?? throw " + MissingKey(r.ItemEnvelope);

    private static string ItemWire(ResourceModel r) => r.ItemEnvelope is null ? r.Name : Names.ItemEnvelope(r);

    private static string ActionWireReturn(ResourceModel r, ActionModel a)
        => a.ResponseBody == "resource" ? Names.Tasks + ".Task<" + ItemWire(r) + ">"
            : a.ResponseBody == "json" ? Names.Tasks + ".Task<" + (a.ResponseEnvelope is null ? Names.Type(a.ResponseType!, mutable: false) : Names.ActionResponseEnvelope(r, a)) + ">"
            : Names.ActionReturnsResponseObject(a) ? Names.Tasks + ".Task<global::System.Net.Http.HttpResponseMessage>"
            : Names.Tasks + ".Task";

    // [AliasAs] maps a C# parameter to its {path_param} for Refit; the client's own methods must not carry it.
    private static List<string> PathParams(IEnumerable<FieldModel> fields, bool refit = true)
        => fields.Select(f =>
        {
            var camel = Parse.Naming.Camel(f.JsonName);
            var alias = !refit || camel.TrimStart('@') == f.JsonName ? "" : "[" + Names.Refit + ".AliasAs(" + CodeWriter.Literal(f.JsonName) + ")] ";
            return alias + "string " + camel;
        }).ToList();

    private static string Params(List<FieldModel> pathParams, params string[] more) => string.Join(", ", PathParams(pathParams).Concat(more));

    private static string ClientParams(List<FieldModel> pathParams, params string[] more) => string.Join(", ", PathParams(pathParams, refit: false).Concat(more));

    private static List<string> Args(List<FieldModel> pathParams) => pathParams.Select(p => Parse.Naming.Camel(p.JsonName)).ToList();

    private static string Join(List<string> first, params string[] more) => string.Join(", ", first.Concat(more));

    private static string CtParam() => Names.Ct + " cancellationToken";

    private static string Route(string path) => CodeWriter.Literal("/" + path);

    private static string Pascal(string method) => method.Substring(0, 1) + method.Substring(1).ToLowerInvariant();

    private static void Doc(CodeWriter w, string summary, bool throws = false)
    {
        w.Summary(summary);
        if (throws) w.Line("/// <exception cref=\"global::OpenStack.OpenStackException\">The service answered with an error status.</exception>");
    }
}
