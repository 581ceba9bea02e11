using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StrategyPortal.Migrations.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedByPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    QuarterKey = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Nps0 = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps1 = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps2 = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps3 = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps4 = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps5 = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps6 = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps7 = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps8 = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps9 = table.Column<long>(type: "INTEGER", nullable: false),
                    Nps10 = table.Column<long>(type: "INTEGER", nullable: false),
                    Csat1 = table.Column<long>(type: "INTEGER", nullable: false),
                    Csat2 = table.Column<long>(type: "INTEGER", nullable: false),
                    Csat3 = table.Column<long>(type: "INTEGER", nullable: false),
                    Csat4 = table.Column<long>(type: "INTEGER", nullable: false),
                    Csat5 = table.Column<long>(type: "INTEGER", nullable: false),
                    Ces1 = table.Column<long>(type: "INTEGER", nullable: false),
                    Ces2 = table.Column<long>(type: "INTEGER", nullable: false),
                    Ces3 = table.Column<long>(type: "INTEGER", nullable: false),
                    Ces4 = table.Column<long>(type: "INTEGER", nullable: false),
                    Ces5 = table.Column<long>(type: "INTEGER", nullable: false),
                    Ces6 = table.Column<long>(type: "INTEGER", nullable: false),
                    Ces7 = table.Column<long>(type: "INTEGER", nullable: false),
                    Complaints = table.Column<long>(type: "INTEGER", nullable: false),
                    ChurnService = table.Column<long>(type: "INTEGER", nullable: false),
                    ChurnPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    ChurnNeed = table.Column<long>(type: "INTEGER", nullable: false),
                    ChurnOther = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Nps0 = table.Column<int>(type: "INTEGER", nullable: false),
                    Nps1 = table.Column<int>(type: "INTEGER", nullable: false),
                    Nps2 = table.Column<int>(type: "INTEGER", nullable: false),
                    Nps3 = table.Column<int>(type: "INTEGER", nullable: false),
                    Nps4 = table.Column<int>(type: "INTEGER", nullable: false),
                    Nps5 = table.Column<int>(type: "INTEGER", nullable: false),
                    Nps6 = table.Column<int>(type: "INTEGER", nullable: false),
                    Nps7 = table.Column<int>(type: "INTEGER", nullable: false),
                    Nps8 = table.Column<int>(type: "INTEGER", nullable: false),
                    Nps9 = table.Column<int>(type: "INTEGER", nullable: false),
                    Nps10 = table.Column<int>(type: "INTEGER", nullable: false),
                    Csat1 = table.Column<int>(type: "INTEGER", nullable: false),
                    Csat2 = table.Column<int>(type: "INTEGER", nullable: false),
                    Csat3 = table.Column<int>(type: "INTEGER", nullable: false),
                    Csat4 = table.Column<int>(type: "INTEGER", nullable: false),
                    Csat5 = table.Column<int>(type: "INTEGER", nullable: false),
                    Ces1 = table.Column<int>(type: "INTEGER", nullable: false),
                    Ces2 = table.Column<int>(type: "INTEGER", nullable: false),
                    Ces3 = table.Column<int>(type: "INTEGER", nullable: false),
                    Ces4 = table.Column<int>(type: "INTEGER", nullable: false),
                    Ces5 = table.Column<int>(type: "INTEGER", nullable: false),
                    Ces6 = table.Column<int>(type: "INTEGER", nullable: false),
                    Ces7 = table.Column<int>(type: "INTEGER", nullable: false),
                    Complaints = table.Column<int>(type: "INTEGER", nullable: false),
                    ChurnService = table.Column<int>(type: "INTEGER", nullable: false),
                    ChurnPrice = table.Column<int>(type: "INTEGER", nullable: false),
                    ChurnNeed = table.Column<int>(type: "INTEGER", nullable: false),
                    ChurnOther = table.Column<int>(type: "INTEGER", nullable: false)
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
