using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Update;
using StrategyPortal.Infrastructure.Persistence.Configurations;

namespace StrategyPortal.Infrastructure.Persistence;

/// <summary>
/// Creates the anonymity-critical tables (<see cref="AnonymousTables.WithoutRowId"/>) as SQLite
/// <c>WITHOUT ROWID</c> tables. An ordinary SQLite table numbers its rows in the order they were
/// written; the participations' order and the responses' order could then be laid side by side.
/// Without a rowid the rows are stored by their key only (person id; random GUID). Lives here,
/// not in a migration, so regenerated migrations keep it (table rebuilds included).
/// </summary>
#pragma warning disable EF1001 // SqliteMigrationsSqlGenerator is "internal" API; its CreateTable hook is stable and covered by a test.
public sealed class WithoutRowIdSqliteMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
{
    private const string RebuildPrefix = "ef_temp_";

    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        var name = operation.Name.StartsWith(RebuildPrefix, StringComparison.Ordinal) ? operation.Name[RebuildPrefix.Length..] : operation.Name;
        if (!AnonymousTables.WithoutRowId.Contains(name))
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }
        base.Generate(operation, model, builder, terminate: false);
        builder.Append(" WITHOUT ROWID");
        if (terminate)
        {
            builder.AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
            EndStatement(builder);
        }
    }
}
#pragma warning restore EF1001
