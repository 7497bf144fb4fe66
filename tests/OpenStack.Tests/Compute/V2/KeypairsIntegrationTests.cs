using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using OpenStack.Compute.V2;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Compute.V2;

/// <summary>Nova key pairs on the real local cloud (specs/compute/v2.1/keypairs.yaml).</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class KeypairsIntegrationTests
{
    private readonly CloudFixture _cloud;

    public KeypairsIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private KeypairsClient Keypairs => _cloud.Client.Compute.Keypairs;

    [SkippableFact]
    public async Task Import_get_list_delete()
    {
        var name = CloudFixture.UniqueName("sdk-test-kp");
        var (publicKey, fingerprint) = NewSshRsaKey();
        var created = await Keypairs.CreateAsync(new KeypairCreateOptions { Name = name, PublicKey = publicKey, Type = KeypairType.Ssh });
        try
        {
            Assert.Equal(name, created.Name);
            Assert.Equal(fingerprint, created.Fingerprint);   // the service's MD5 fingerprint of the key we sent
            Assert.Null(created.PrivateKey);
            Assert.Equal(KeypairType.Ssh, created.Type);
            Assert.False(string.IsNullOrEmpty(created.UserId));

            var got = await Keypairs.GetAsync(name);
            Assert.Equal(publicKey, got.PublicKey);
            Assert.Equal(fingerprint, got.Fingerprint);
            Assert.NotNull(got.Id);
            Assert.NotNull(got.CreatedAt);
            Assert.False(got.Deleted);

            // Each list item is wrapped in its own "keypair" key.
            var listed = Assert.Single(await Keypairs.ListAsync().Where(k => k.Name == name).ToListAsync());
            Assert.Equal(fingerprint, listed.Fingerprint);
            Assert.Equal(publicKey, listed.PublicKey);

            RoundTrip.AssertNoKeyLost(await _cloud.Client.Compute.Http.GetStringAsync("os-keypairs/" + name), ComputeKeypairsJsonContext.Default.KeypairEnvelope);
            RoundTrip.AssertNoKeyLost(await _cloud.Client.Compute.Http.GetStringAsync("os-keypairs"), ComputeKeypairsJsonContext.Default.KeypairListPage);

            var duplicate = await Assert.ThrowsAsync<OpenStackException>(() => Keypairs.CreateAsync(new KeypairCreateOptions { Name = name, PublicKey = publicKey }));
            Assert.Equal(409, duplicate.Status);
        }
        finally
        {
            await Keypairs.DeleteAsync(name);
        }
        var gone = await Assert.ThrowsAsync<OpenStackException>(() => Keypairs.GetAsync(name));
        Assert.Equal(404, gone.Status);
    }

    [SkippableFact]
    public async Task Generation_is_refused_by_the_service_at_2_92_and_returns_a_secret_private_key_at_2_91()
    {
        var name = CloudFixture.UniqueName("sdk-test-kp");
        // The negotiated microversion (2.93 here) no longer generates keys: the service itself refuses.
        var refused = await Assert.ThrowsAsync<OpenStackException>(() => Keypairs.CreateAsync(new KeypairCreateOptions { Name = name }));
        Assert.Equal(400, refused.Status);
        Assert.Contains("public_key", refused.ServerMessage);

        var options = _cloud.OptionsForAnotherClient();
        options.DefaultMicroversions["compute"] = "2.91";
        using var pinned = await OpenStackClient.ConnectAsync(options);
        var generated = await pinned.Compute.Keypairs.CreateAsync(new KeypairCreateOptions { Name = name });
        try
        {
            Assert.StartsWith("-----BEGIN", generated.PrivateKey);
            Assert.StartsWith("ssh-rsa ", generated.PublicKey);
            Assert.DoesNotContain(generated.PrivateKey!, generated.ToString());   // secret: never printed
            Assert.Contains("***", generated.ToString());
            Assert.Null((await pinned.Compute.Keypairs.GetAsync(name)).PrivateKey);  // returned once, never again
        }
        finally
        {
            await pinned.Compute.Keypairs.DeleteAsync(name);
        }
    }

    [SkippableFact]
    public async Task Pinned_at_2_1_the_key_type_is_refused_client_side_and_absent_from_responses()
    {
        var options = _cloud.OptionsForAnotherClient();
        options.DefaultMicroversions["compute"] = "2.1";
        using var pinned = await OpenStackClient.ConnectAsync(options);
        var name = CloudFixture.UniqueName("sdk-test-kp");
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() =>
            pinned.Compute.Keypairs.CreateAsync(new KeypairCreateOptions { Name = name, PublicKey = NewSshRsaKey().PublicKey, Type = KeypairType.X509 }));
        Assert.Contains("2.2", refused.Message);
        var missing = await Assert.ThrowsAsync<OpenStackException>(() => pinned.Compute.Keypairs.GetAsync(name));
        Assert.Equal(404, missing.Status);   // nothing was sent

        var created = await pinned.Compute.Keypairs.CreateAsync(new KeypairCreateOptions { Name = name, PublicKey = NewSshRsaKey().PublicKey });
        try
        {
            Assert.Null(created.Type);     // 2.1 bodies have no type, and that is not an error
            Assert.Null((await pinned.Compute.Keypairs.GetAsync(name)).Type);
            Assert.Equal(KeypairType.Ssh, (await Keypairs.GetAsync(name)).Type);  // the negotiated client sees it
        }
        finally
        {
            await pinned.Compute.Keypairs.DeleteAsync(name);
        }
    }

    /// <summary>A fresh OpenSSH "ssh-rsa" public key and its MD5 fingerprint (aa:bb:…), as Nova computes it.</summary>
    internal static (string PublicKey, string Fingerprint) NewSshRsaKey()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        using var blob = new MemoryStream();
        void Write(byte[] bytes)
        {
            var length = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            blob.Write(length);
            blob.Write(bytes);
        }
        void WriteMpint(byte[] bytes) => Write((bytes[0] & 0x80) != 0 ? new byte[] { 0 }.Concat(bytes).ToArray() : bytes);
        Write(Encoding.ASCII.GetBytes("ssh-rsa"));
        WriteMpint(p.Exponent!);
        WriteMpint(p.Modulus!);
        var data = blob.ToArray();
        var fingerprint = string.Join(":", MD5.HashData(data).Select(b => b.ToString("x2")));
        return ("ssh-rsa " + Convert.ToBase64String(data) + " sdk-test", fingerprint);
    }
}
