using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Web.Hosting;

/// <summary>
/// The Data Protection key ring (sign-in cookies, antiforgery tokens) lives in the database, so every instance reads
/// what another wrote. With <c>DataProtection:CertificatePath</c> set, the keys are encrypted at rest with that
/// certificate: someone who can read the database (or a backup of it) cannot forge a sign-in cookie without the
/// certificate's private key too.
/// </summary>
public static class DataProtectionSetup
{
    public const string Section = "DataProtection";

    public static void AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = services.AddDataProtection().PersistKeysToDbContext<PortalDbContext>().SetApplicationName("StrategyPortal");
        var path = configuration[$"{Section}:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path)) return;
        if (!File.Exists(path))
            throw new InvalidOperationException($"{Section}:CertificatePath: no certificate file at '{path}'.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{Section}:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"{Section}:CertificatePath: '{path}' holds no private key; the portal needs it to read the keys back.");
        // On Linux the decryptor does not look in a certificate store by itself: it is told which certificate to use.
        keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }
}
