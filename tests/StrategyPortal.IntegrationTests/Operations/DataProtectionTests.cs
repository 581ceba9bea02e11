using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Operations;

/// <summary>A portal whose Data Protection keys are encrypted at rest with a certificate of its own (DataProtection:CertificatePath).</summary>
public abstract class CertificateKeysPortal(DatabaseProvider provider) : PortalFactory(provider, demoData: true)
{
    public const string Password = "test-only-pfx-password";
    private readonly string _certificateFile = Path.Combine(Path.GetTempPath(), $"sp-dp-{Guid.NewGuid():N}.pfx");

    /// <summary>The certificate (public part, base64) the encrypted keys name as the one to decrypt them with.</summary>
    public string CertificateBase64 { get; private set; } = string.Empty;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=StrategyPortal key encryption (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_certificateFile, certificate.Export(X509ContentType.Pfx, Password));
        CertificateBase64 = Convert.ToBase64String(certificate.RawData);
        base.ConfigureWebHost(builder);
        builder.UseSetting("DataProtection:CertificatePath", _certificateFile);
        builder.UseSetting("DataProtection:CertificatePassword", Password);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        File.Delete(_certificateFile);
    }
}

public sealed class SqliteCertificateKeysPortal() : CertificateKeysPortal(DatabaseProvider.Sqlite);
public sealed class PostgreSqlCertificateKeysPortal() : CertificateKeysPortal(DatabaseProvider.PostgreSql);

public abstract class DataProtectionTests(CertificateKeysPortal factory)
{
    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_sign_in_still_works()
    {
        // Signing in protects an antiforgery token and the sign-in cookie with the key ring, and reads both back.
        using var client = await factory.SignedInClientAsync(PortalFactory.DemoAccount(Domain.Access.PortalRole.Director).Email);
        Assert.Contains("data-testid", await client.GetPageAsync("/"));

        await using var db = factory.NewDbContext();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        foreach (var xml in keys)
        {
            Assert.Contains("EncryptedXmlDecryptor", xml!, StringComparison.Ordinal);
            Assert.Contains(factory.CertificateBase64, xml!, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml!, StringComparison.Ordinal);
        }
    }
}

public sealed class DataProtectionTests_Sqlite(SqliteCertificateKeysPortal factory) : DataProtectionTests(factory), IClassFixture<SqliteCertificateKeysPortal>;
public sealed class DataProtectionTests_PostgreSql(PostgreSqlCertificateKeysPortal factory) : DataProtectionTests(factory), IClassFixture<PostgreSqlCertificateKeysPortal>;
