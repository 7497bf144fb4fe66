using System;
using System.Linq;
using System.Threading.Tasks;
using Consumer.VendorImages;            // ImageExtended(): this project's overlay of the image service
using Consumer.VendorImages.Image.V2;   // its Image, ImageCreateOptions, ImageListOptions (with the vendor members)
using OpenStack;
using OpenStack.Json;

// The vendor overlay (OpenStack/image/v2/images.yaml) against a real Glance: create an image with the vendor field,
// list it back with a vendor filter and a standard filter, and read it through the SDK's own, standard client.
// Prints one line per check; exits non-zero on the first failure. Credentials: OS_* variables (an openrc).
using var cloud = await OpenStackClient.ConnectAsync(OpenStackClientOptions.FromEnvironment());
var images = cloud.ImageExtended().Images;
var name = "consumer-vendor-" + Guid.NewGuid().ToString("N")[..8];

var created = await images.CreateAsync(new ImageCreateOptions
{
    Name = name,
    DiskFormat = ImageDiskFormat.Raw,
    ContainerFormat = ImageContainerFormat.Bare,
    VirtualEnvType = ImageVirtualEnvType.FusionCompute,   // typed vendor field
    OsBit = "64",
    Platform = "Ubuntu",
});
try
{
    Check(created.VirtualEnvType == ImageVirtualEnvType.FusionCompute, "created with virtual_env_type=" + created.VirtualEnvType);

    var matching = await images.ListAsync(new ImageListOptions { OsBit = "64", Name = name }).ToListAsync();
    Check(matching.Count == 1 && matching[0].Id == created.Id, "vendor filter __os_bit=64 + name: " + matching.Count + " image(s)");
    Check(matching[0].Platform == "Ubuntu" && matching[0].VirtualEnvType == ImageVirtualEnvType.FusionCompute, "typed vendor fields read back");

    var none = await images.ListAsync(new ImageListOptions { OsBit = "32", Name = name }).ToListAsync();
    Check(none.Count == 0, "vendor filter __os_bit=32 + name: " + none.Count + " image(s)");

    var platform = await images.ListAsync(new ImageListOptions { Platform = "Ubuntu", Name = name, Limit = 1 }).ToListAsync();
    Check(platform.Count == 1, "vendor filter __platform=Ubuntu + name: " + platform.Count + " image(s)");

    // The SDK's standard client still works, and sees the vendor keys as extra properties.
    var standard = await cloud.Image.Images.GetAsync(created.Id!);
    Check(standard.AdditionalProperties.GetString("virtual_env_type") == "FusionCompute", "standard client reads virtual_env_type=" + standard.AdditionalProperties.GetString("virtual_env_type"));
    var standardList = await cloud.Image.Images.ListAsync(new OpenStack.Image.V2.ImageListOptions { Name = name }).ToListAsync();
    Check(standardList.Count == 1, "standard client lists it by name");
}
finally
{
    await images.DeleteAsync(created.Id!);
}
Console.WriteLine("VENDOR OK");
return 0;

static void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "ok: " : "FAILED: ") + what);
    if (!ok) Environment.Exit(1);
}
