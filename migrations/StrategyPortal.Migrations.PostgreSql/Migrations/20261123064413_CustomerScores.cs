using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StrategyPortal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CustomerScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scopes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedByPersonId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastUsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_People_CreatedByPersonId",
                        column: x => x.CreatedByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CustomerScoreQuarters",
                columns: table => new
                {
                    QuarterKey = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Nps0 = table.Column<long>(type: "bigint", nullable: false),
                    Nps1 = table.Column<long>(type: "bigint", nullable: false),
                    Nps2 = table.Column<long>(type: "bigint", nullable: false),
                    Nps3 = table.Column<long>(type: "bigint", nullable: false),
                    Nps4 = table.Column<long>(type: "bigint", nullable: false),
                    Nps5 = table.Column<long>(type: "bigint", nullable: false),
                    Nps6 = table.Column<long>(type: "bigint", nullable: false),
                    Nps7 = table.Column<long>(type: "bigint", nullable: false),
                    Nps8 = table.Column<long>(type: "bigint", nullable: false),
                    Nps9 = table.Column<long>(type: "bigint", nullable: false),
                    Nps10 = table.Column<long>(type: "bigint", nullable: false),
                    Csat1 = table.Column<long>(type: "bigint", nullable: false),
                    Csat2 = table.Column<long>(type: "bigint", nullable: false),
                    Csat3 = table.Column<long>(type: "bigint", nullable: false),
                    Csat4 = table.Column<long>(type: "bigint", nullable: false),
                    Csat5 = table.Column<long>(type: "bigint", nullable: false),
                    Ces1 = table.Column<long>(type: "bigint", nullable: false),
                    Ces2 = table.Column<long>(type: "bigint", nullable: false),
                    Ces3 = table.Column<long>(type: "bigint", nullable: false),
                    Ces4 = table.Column<long>(type: "bigint", nullable: false),
                    Ces5 = table.Column<long>(type: "bigint", nullable: false),
                    Ces6 = table.Column<long>(type: "bigint", nullable: false),
                    Ces7 = table.Column<long>(type: "bigint", nullable: false),
                    Complaints = table.Column<long>(type: "bigint", nullable: false),
                    ChurnService = table.Column<long>(type: "bigint", nullable: false),
                    ChurnPrice = table.Column<long>(type: "bigint", nullable: false),
                    ChurnNeed = table.Column<long>(type: "bigint", nullable: false),
                    ChurnOther = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerScoreQuarters", x => new { x.QuarterKey, x.OrgUnitId, x.Channel });
                    table.ForeignKey(
                        name: "FK_CustomerScoreQuarters_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CustomerScoreRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Nps0 = table.Column<int>(type: "integer", nullable: false),
                    Nps1 = table.Column<int>(type: "integer", nullable: false),
                    Nps2 = table.Column<int>(type: "integer", nullable: false),
                    Nps3 = table.Column<int>(type: "integer", nullable: false),
                    Nps4 = table.Column<int>(type: "integer", nullable: false),
                    Nps5 = table.Column<int>(type: "integer", nullable: false),
                    Nps6 = table.Column<int>(type: "integer", nullable: false),
                    Nps7 = table.Column<int>(type: "integer", nullable: false),
                    Nps8 = table.Column<int>(type: "integer", nullable: false),
                    Nps9 = table.Column<int>(type: "integer", nullable: false),
                    Nps10 = table.Column<int>(type: "integer", nullable: false),
                    Csat1 = table.Column<int>(type: "integer", nullable: false),
                    Csat2 = table.Column<int>(type: "integer", nullable: false),
                    Csat3 = table.Column<int>(type: "integer", nullable: false),
                    Csat4 = table.Column<int>(type: "integer", nullable: false),
                    Csat5 = table.Column<int>(type: "integer", nullable: false),
                    Ces1 = table.Column<int>(type: "integer", nullable: false),
                    Ces2 = table.Column<int>(type: "integer", nullable: false),
                    Ces3 = table.Column<int>(type: "integer", nullable: false),
                    Ces4 = table.Column<int>(type: "integer", nullable: false),
                    Ces5 = table.Column<int>(type: "integer", nullable: false),
                    Ces6 = table.Column<int>(type: "integer", nullable: false),
                    Ces7 = table.Column<int>(type: "integer", nullable: false),
                    Complaints = table.Column<int>(type: "integer", nullable: false),
                    ChurnService = table.Column<int>(type: "integer", nullable: false),
                    ChurnPrice = table.Column<int>(type: "integer", nullable: false),
                    ChurnNeed = table.Column<int>(type: "integer", nullable: false),
                    ChurnOther = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerScoreRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerScoreRecords_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_CreatedByPersonId",
                table: "ApiKeys",
                column: "CreatedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Hash",
                table: "ApiKeys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Prefix",
                table: "ApiKeys",
                column: "Prefix");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScoreQuarters_OrgUnitId",
                table: "CustomerScoreQuarters",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScoreRecords_OrgUnitId_Date_Channel_Source",
                table: "CustomerScoreRecords",
                columns: new[] { "OrgUnitId", "Date", "Channel", "Source" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "CustomerScoreQuarters");

            migrationBuilder.DropTable(
                name: "CustomerScoreRecords");
        }
    }
}
