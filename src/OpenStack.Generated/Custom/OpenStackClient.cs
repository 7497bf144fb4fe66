using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack;

/// <summary>
/// The entry point: one authenticated connection to one cloud, with a property per service
/// (generated from specs/). Thread-safe; create one per cloud and share it.
/// </summary>
/// <example>
/// <code>
/// using var cloud = await OpenStackClient.ConnectAsync(OpenStackClientOptions.FromEnvironment());
/// await foreach (var image in cloud.Image.Images.ListAsync()) Console.WriteLine(image.Name);
/// </code>
/// </example>
public partial class OpenStackClient : IDisposable
{
    private readonly bool _ownsConnection;

    /// <summary>Wraps an existing connection; the caller keeps ownership of it.</summary>
    public OpenStackClient(OpenStackConnection connection)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
    }

    private OpenStackClient(OpenStackConnection connection, bool ownsConnection) : this(connection) => _ownsConnection = ownsConnection;

    /// <summary>For mocking frameworks only.</summary>
    protected OpenStackClient() => Connection = null!;

    /// <summary>Authentication, catalog and the shared HTTP pipeline.</summary>
    public OpenStackConnection Connection { get; }

    /// <summary>Authenticates and returns a client that owns its connection.</summary>
    /// <exception cref="OpenStackConfigurationException">The options are missing or contradict a setting.</exception>
    /// <exception cref="OpenStackException">Keystone refused the credentials or failed.</exception>
    public static async Task<OpenStackClient> ConnectAsync(OpenStackClientOptions options, CancellationToken cancellationToken = default)
    {
        var connection = await OpenStackConnection.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        return new OpenStackClient(connection, ownsConnection: true);
    }

    /// <summary>
    /// The HttpClient a generated service uses: its catalog endpoint, sharing the connection's pipeline,
    /// sending the service's microversion when it has them.
    /// </summary>
    protected virtual HttpClient CreateServiceHttpClient(ServiceDescriptor service)
        => Connection.CreateHttpClient(Connection.GetEndpoint(service), CreateMicroversionNegotiator(service));

    /// <summary>
    /// The microversion negotiator of a service with microversions (pinned by
    /// <see cref="OpenStackClientOptions.DefaultMicroversions"/> or negotiated on first use); one per service type.
    /// </summary>
    protected virtual OpenStack.Catalog.MicroversionNegotiator? CreateMicroversionNegotiator(ServiceDescriptor service)
        => Connection.GetMicroversions(service);

    /// <summary>Releases the connection when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsConnection) Connection.Dispose();
        GC.SuppressFinalize(this);
    }
}
