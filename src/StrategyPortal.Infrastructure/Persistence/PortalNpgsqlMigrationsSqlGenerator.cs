using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;
using StrategyPortal.Infrastructure.Access;

namespace StrategyPortal.Infrastructure.Persistence;

/// <summary>
/// Creates the audit log's triggers (<see cref="AuditLogGuard"/>) together with the table, so the database itself refuses
/// to change or delete an entry. Lives here, not in a migration, so a regenerated InitialCreate keeps them.
/// </summary>
#pragma warning disable EF1001 // INpgsqlSingletonOptions is "internal" API, needed to construct the provider's generator; covered by tests.
public sealed class PortalNpgsqlMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions npgsqlOptions)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlOptions)
{
    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (operation.Name != AuditLogGuard.Table || !terminate) return;
        foreach (var statement in AuditLogGuard.PostgreSqlStatements(operation.Columns.Select(c => c.Name).ToList(), Dependencies.SqlGenerationHelper.DelimitIdentifier))
        {
            builder.AppendLine(statement);
            EndStatement(builder);
        }
    }
}
#pragma warning restore EF1001
