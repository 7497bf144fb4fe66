namespace OpenStack.Http;

/// <summary>What could be read from an error body: the message, a machine-readable code, and a request id.</summary>
internal readonly record struct ParsedError(string? Message, string? ErrorCode, string? RequestId);
