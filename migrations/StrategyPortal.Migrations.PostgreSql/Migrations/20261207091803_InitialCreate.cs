using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace StrategyPortal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorPersonId = table.Column<int>(type: "integer", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Changes = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrgUnits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ParentId = table.Column<int>(type: "integer", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrgUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrgUnits_OrgUnits_ParentId",
                        column: x => x.ParentId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PeopleImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AppliedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AppliedByPersonId = table.Column<int>(type: "integer", nullable: true),
                    ApiKeyId = table.Column<int>(type: "integer", nullable: true),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    Created = table.Column<int>(type: "integer", nullable: false),
                    Changed = table.Column<int>(type: "integer", nullable: false),
                    Moved = table.Column<int>(type: "integer", nullable: false),
                    Deactivated = table.Column<int>(type: "integer", nullable: false),
                    Reactivated = table.Column<int>(type: "integer", nullable: false),
                    UnitsCreated = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeopleImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PulseQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:IdentitySequenceOptions", "'1000', '1', '', '', 'False', '1'")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TextNl = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TextEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseQuestions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PulseSurveys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Cadence = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FirstOpensOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RoundLengthDays = table.Column<int>(type: "integer", nullable: false),
                    MinGroupSize = table.Column<int>(type: "integer", nullable: false),
                    CommentThreshold = table.Column<int>(type: "integer", nullable: false),
                    DetailMinGroupSize = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    RemindersOn = table.Column<bool>(type: "boolean", nullable: false),
                    ReminderFirstAtPercent = table.Column<int>(type: "integer", nullable: false),
                    ReminderEveryDays = table.Column<int>(type: "integer", nullable: false),
                    ReminderSkipWeekends = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseSurveys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Roles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScorecardIssues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QuarterKey = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedByPersonId = table.Column<int>(type: "integer", nullable: true),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Total = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardIssues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceStrategyChoices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Discipline = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EffectiveQuarterKey = table.Column<int>(type: "integer", nullable: false),
                    ChosenById = table.Column<int>(type: "integer", nullable: false),
                    ChosenByName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ChosenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceStrategyChoices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Capabilities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerUnitId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Area = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Maturity = table.Column<int>(type: "integer", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Channels = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Hours = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CapacityPerDay = table.Column<int>(type: "integer", nullable: true),
                    StandardIds = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Capabilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Capabilities_OrgUnits_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "OrgUnits",
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

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    EmployeeNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    FirstName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    LastName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ManagerId = table.Column<int>(type: "integer", nullable: true),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DirectoryUserName = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    IsErased = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                    table.ForeignKey(
                        name: "FK_People_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_People_People_ManagerId",
                        column: x => x.ManagerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceStandards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerUnitId = table.Column<int>(type: "integer", nullable: false),
                    TemplateCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Aspect = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Rater = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Metric = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Target = table.Column<double>(type: "double precision", nullable: false),
                    AmberThreshold = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceStandards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceStandards_OrgUnits_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PulseAudienceUnits",
                columns: table => new
                {
                    SurveyId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseAudienceUnits", x => new { x.SurveyId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_PulseAudienceUnits_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseAudienceUnits_PulseSurveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "PulseSurveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SurveyId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    OpensOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RemindedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AudienceRecordedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PulseRounds_PulseSurveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "PulseSurveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseSurveyItems",
                columns: table => new
                {
                    SurveyId = table.Column<int>(type: "integer", nullable: false),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseSurveyItems", x => new { x.SurveyId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_PulseSurveyItems_PulseQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "PulseQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseSurveyItems_PulseSurveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "PulseSurveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<int>(type: "integer", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoleClaims_Roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "Roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IssuedScorecards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    QuarterKey = table.Column<int>(type: "integer", nullable: false),
                    IssueNumber = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: true),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    SizeBytes = table.Column<int>(type: "integer", nullable: false),
                    IssuedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedScorecards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IssuedScorecards_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IssuedScorecards_ScorecardIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "ScorecardIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScorecardIssueItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: true),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardIssueItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScorecardIssueItems_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScorecardIssueItems_ScorecardIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "ScorecardIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                    CreatedByPersonId = table.Column<int>(type: "integer", nullable: true),
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
                name: "ImprovementActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OwnerPersonId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DropReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CauseKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CauseQuarterKey = table.Column<int>(type: "integer", nullable: false),
                    CauseStandardId = table.Column<int>(type: "integer", nullable: true),
                    CausePromiseId = table.Column<int>(type: "integer", nullable: true),
                    CauseRoundId = table.Column<int>(type: "integer", nullable: true),
                    CauseQuestionId = table.Column<int>(type: "integer", nullable: true),
                    CauseUnitId = table.Column<int>(type: "integer", nullable: true),
                    CauseChannel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CauseMeasure = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CauseSignalId = table.Column<int>(type: "integer", nullable: true),
                    CauseBaseline = table.Column<double>(type: "double precision", nullable: false),
                    CauseBaselineStanding = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CauseHigherIsBetter = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedByPersonId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImprovementActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImprovementActions_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ImprovementActions_People_CreatedByPersonId",
                        column: x => x.CreatedByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ImprovementActions_People_OwnerPersonId",
                        column: x => x.OwnerPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MarketingPromises",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Claim = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Channels = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Campaign = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    OwnerPersonId = table.Column<int>(type: "integer", nullable: false),
                    OwnerUnitId = table.Column<int>(type: "integer", nullable: false),
                    LiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    LiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    StandardIds = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketingPromises", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketingPromises_OrgUnits_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MarketingPromises_People_OwnerPersonId",
                        column: x => x.OwnerPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NoticeSettings",
                columns: table => new
                {
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    OffKinds = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeSettings", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_NoticeSettings_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: true),
                    ToAddress = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ToName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Payload = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    PreferredCulture = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    DarkMode = table.Column<bool>(type: "boolean", nullable: false),
                    ErasedEmailHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Users_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceStandardVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StandardId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    EffectiveQuarterKey = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerUnitId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Aspect = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Rater = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Metric = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Target = table.Column<double>(type: "double precision", nullable: false),
                    AmberThreshold = table.Column<double>(type: "double precision", nullable: true),
                    ChangedById = table.Column<int>(type: "integer", nullable: false),
                    ChangedByName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Changes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceStandardVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceStandardVersions_ServiceStandards_StandardId",
                        column: x => x.StandardId,
                        principalTable: "ServiceStandards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StandardResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StandardId = table.Column<int>(type: "integer", nullable: false),
                    QuarterKey = table.Column<int>(type: "integer", nullable: false),
                    ActualValue = table.Column<double>(type: "double precision", nullable: false),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StandardResults_ServiceStandards_StandardId",
                        column: x => x.StandardId,
                        principalTable: "ServiceStandards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnswerMixes",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    MixedResponses = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnswerMixes", x => x.RoundId);
                    table.ForeignKey(
                        name: "FK_AnswerMixes_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Participations",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Participations", x => new { x.RoundId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_Participations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Participations_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseComments", x => new { x.RoundId, x.Id });
                    table.ForeignKey(
                        name: "FK_PulseComments_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseComments_PulseQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "PulseQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseComments_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseReminderRuns",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Manual = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseReminderRuns", x => new { x.RoundId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_PulseReminderRuns_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Answers = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EngagementMean = table.Column<double>(type: "double precision", nullable: true),
                    Enps = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseResponses", x => new { x.RoundId, x.Id });
                    table.ForeignKey(
                        name: "FK_PulseResponses_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseResponses_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseRoundUnits",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    ParentUnitId = table.Column<int>(type: "integer", nullable: true),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Invited = table.Column<int>(type: "integer", nullable: false),
                    TookPart = table.Column<int>(type: "integer", nullable: false),
                    TookPartCountedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseRoundUnits", x => new { x.RoundId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_PulseRoundUnits_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseRoundUnits_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IssuedScorecardContents",
                columns: table => new
                {
                    IssuedScorecardId = table.Column<int>(type: "integer", nullable: false),
                    Pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    SnapshotJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedScorecardContents", x => x.IssuedScorecardId);
                    table.ForeignKey(
                        name: "FK_IssuedScorecardContents_IssuedScorecards_IssuedScorecardId",
                        column: x => x.IssuedScorecardId,
                        principalTable: "IssuedScorecards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionCheckIns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActionId = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    NewStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ByPersonId = table.Column<int>(type: "integer", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionCheckIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionCheckIns_ImprovementActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "ImprovementActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionCheckIns_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionReminderRuns",
                columns: table => new
                {
                    ActionId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionReminderRuns", x => new { x.ActionId, x.Kind, x.DueOn, x.PersonId });
                    table.ForeignKey(
                        name: "FK_ActionReminderRuns_ImprovementActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "ImprovementActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionReminderRuns_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PromiseCheckResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PromiseId = table.Column<int>(type: "integer", nullable: false),
                    QuarterKey = table.Column<int>(type: "integer", nullable: false),
                    Verdict = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reasons = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Complaints = table.Column<int>(type: "integer", nullable: false),
                    EvaluatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromiseCheckResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PromiseCheckResults_MarketingPromises_PromiseId",
                        column: x => x.PromiseId,
                        principalTable: "MarketingPromises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PromiseRequirements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PromiseId = table.Column<int>(type: "integer", nullable: false),
                    CapabilityId = table.Column<int>(type: "integer", nullable: false),
                    MinMaturity = table.Column<int>(type: "integer", nullable: false),
                    Channels = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Hours = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CapacityPerDay = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromiseRequirements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PromiseRequirements_Capabilities_CapabilityId",
                        column: x => x.CapabilityId,
                        principalTable: "Capabilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PromiseRequirements_MarketingPromises_PromiseId",
                        column: x => x.PromiseId,
                        principalTable: "MarketingPromises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceSignals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    QuarterKey = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PromiseId = table.Column<int>(type: "integer", nullable: true),
                    LoggedById = table.Column<int>(type: "integer", nullable: false),
                    LoggedByName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    LoggedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ForwardedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ForwardedById = table.Column<int>(type: "integer", nullable: true),
                    ForwardedByName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedById = table.Column<int>(type: "integer", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceSignals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceSignals_MarketingPromises_PromiseId",
                        column: x => x.PromiseId,
                        principalTable: "MarketingPromises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ServiceSignals_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SignInSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignInSessions_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserClaims_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_UserLogins_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserRoles",
                columns: table => new
                {
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    RoleId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_UserRoles_Roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "Roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UserRoles_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserTokens",
                columns: table => new
                {
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_UserTokens_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseInvitations",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseInvitations", x => new { x.RoundId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_PulseInvitations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseInvitations_PulseRoundUnits_RoundId_UnitId",
                        columns: x => new { x.RoundId, x.UnitId },
                        principalTable: "PulseRoundUnits",
                        principalColumns: new[] { "RoundId", "UnitId" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PulseInvitations_PulseRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "PulseRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseLinks",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProtectedToken = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseLinks", x => new { x.RoundId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_PulseLinks_PulseInvitations_RoundId_PersonId",
                        columns: x => new { x.RoundId, x.PersonId },
                        principalTable: "PulseInvitations",
                        principalColumns: new[] { "RoundId", "PersonId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "PulseQuestions",
                columns: new[] { "Id", "Code", "IsActive", "Kind", "Revision", "TextEn", "TextNl", "Version" },
                values: new object[,]
                {
                    { 1, "ENG-PURPOSE", true, "Engagement", 1, "I know how my work contributes to what our customers expect from us.", "Ik weet wat mijn werk bijdraagt aan wat onze klanten van ons verwachten.", 1 },
                    { 2, "ENG-TOOLS", true, "Engagement", 1, "I have the information and the tools to do my job well.", "Ik heb de informatie en de middelen om mijn werk goed te doen.", 1 },
                    { 3, "ENG-SKILLS", true, "Engagement", 1, "My work makes good use of my skills.", "In mijn werk worden mijn vaardigheden goed benut.", 1 },
                    { 4, "ENG-NOTICED", true, "Engagement", 1, "When I do good work, it gets noticed.", "Als ik goed werk lever, wordt dat opgemerkt.", 1 },
                    { 5, "ENG-LEARNING", true, "Engagement", 1, "I regularly learn something new in my work.", "Ik leer in mijn werk regelmatig iets nieuws.", 1 },
                    { 6, "ENG-VOICE", true, "Engagement", 1, "My ideas and concerns are taken seriously.", "Mijn ideeën en zorgen worden serieus genomen.", 1 },
                    { 7, "ENG-TEAM", true, "Engagement", 1, "I can count on my colleagues when things get busy.", "Ik kan op mijn collega's rekenen als het druk is.", 1 },
                    { 8, "ENG-PRIDE", true, "Engagement", 1, "I am proud of the service we give our customers.", "Ik ben trots op de service die wij onze klanten geven.", 1 },
                    { 9, "STR-STANDARDS", true, "Strategy", 1, "I know which service standards my team is measured on.", "Ik weet op welke normen mijn team wordt beoordeeld.", 1 },
                    { 10, "STR-PROMISES", true, "Strategy", 1, "I can keep the promises marketing makes to our customers.", "Ik kan de beloften waarmaken die marketing aan onze klanten doet.", 1 },
                    { 11, "ENPS", true, "Enps", 1, "How likely are you to recommend our organisation as a place to work to a friend or acquaintance?", "Hoe waarschijnlijk is het dat je onze organisatie aan een vriend of bekende aanbeveelt als werkgever?", 1 },
                    { 12, "COMMENT", true, "FreeText", 1, "What would most improve your work or our service? (optional)", "Wat zou jouw werk of onze service het meest verbeteren? (niet verplicht)", 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionCheckIns_ActionId",
                table: "ActionCheckIns",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionCheckIns_ByPersonId",
                table: "ActionCheckIns",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionReminderRuns_PersonId",
                table: "ActionReminderRuns",
                column: "PersonId");

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
                name: "IX_AuditLog_ActorPersonId",
                table: "AuditLog",
                column: "ActorPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_EntityType_EntityId",
                table: "AuditLog",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_OccurredAtUtc",
                table: "AuditLog",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Capabilities_OwnerUnitId",
                table: "Capabilities",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScoreQuarters_OrgUnitId",
                table: "CustomerScoreQuarters",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerScoreRecords_OrgUnitId_Date_Channel_Source",
                table: "CustomerScoreRecords",
                columns: new[] { "OrgUnitId", "Date", "Channel", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_CauseKind_CausePromiseId",
                table: "ImprovementActions",
                columns: new[] { "CauseKind", "CausePromiseId" });

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_CauseKind_CauseStandardId",
                table: "ImprovementActions",
                columns: new[] { "CauseKind", "CauseStandardId" });

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_CreatedByPersonId",
                table: "ImprovementActions",
                column: "CreatedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_OwnerPersonId_Status",
                table: "ImprovementActions",
                columns: new[] { "OwnerPersonId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_UnitId_Status",
                table: "ImprovementActions",
                columns: new[] { "UnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedScorecards_IssueId_OrgUnitId_Language",
                table: "IssuedScorecards",
                columns: new[] { "IssueId", "OrgUnitId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssuedScorecards_OrgUnitId",
                table: "IssuedScorecards",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedScorecards_QuarterKey_OrgUnitId",
                table: "IssuedScorecards",
                columns: new[] { "QuarterKey", "OrgUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketingPromises_OwnerPersonId",
                table: "MarketingPromises",
                column: "OwnerPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketingPromises_OwnerUnitId",
                table: "MarketingPromises",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_OrgUnits_Code",
                table: "OrgUnits",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrgUnits_ParentId",
                table: "OrgUnits",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_LeaseOwner",
                table: "OutboxMessages",
                column: "LeaseOwner");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_PersonId",
                table: "OutboxMessages",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptAtUtc",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Participations_PersonId",
                table: "Participations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_People_DirectoryUserName",
                table: "People",
                column: "DirectoryUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_Email",
                table: "People",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_EmployeeNumber",
                table: "People",
                column: "EmployeeNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_ManagerId",
                table: "People",
                column: "ManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_People_OrgUnitId",
                table: "People",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PeopleImports_AppliedAtUtc",
                table: "PeopleImports",
                column: "AppliedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_PromiseCheckResults_PromiseId_QuarterKey",
                table: "PromiseCheckResults",
                columns: new[] { "PromiseId", "QuarterKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PromiseCheckResults_QuarterKey",
                table: "PromiseCheckResults",
                column: "QuarterKey");

            migrationBuilder.CreateIndex(
                name: "IX_PromiseRequirements_CapabilityId",
                table: "PromiseRequirements",
                column: "CapabilityId");

            migrationBuilder.CreateIndex(
                name: "IX_PromiseRequirements_PromiseId",
                table: "PromiseRequirements",
                column: "PromiseId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseAudienceUnits_UnitId",
                table: "PulseAudienceUnits",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseComments_QuestionId",
                table: "PulseComments",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseComments_RoundId_UnitId",
                table: "PulseComments",
                columns: new[] { "RoundId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PulseComments_UnitId",
                table: "PulseComments",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseInvitations_PersonId",
                table: "PulseInvitations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseInvitations_RoundId_UnitId",
                table: "PulseInvitations",
                columns: new[] { "RoundId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PulseLinks_PersonId",
                table: "PulseLinks",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseLinks_TokenHash",
                table: "PulseLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PulseQuestions_Code_Revision",
                table: "PulseQuestions",
                columns: new[] { "Code", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PulseResponses_RoundId_UnitId_EngagementMean_Enps",
                table: "PulseResponses",
                columns: new[] { "RoundId", "UnitId", "EngagementMean", "Enps" });

            migrationBuilder.CreateIndex(
                name: "IX_PulseResponses_UnitId",
                table: "PulseResponses",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseRounds_OpensOn_ClosesOn",
                table: "PulseRounds",
                columns: new[] { "OpensOn", "ClosesOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PulseRounds_SurveyId_Number",
                table: "PulseRounds",
                columns: new[] { "SurveyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PulseRoundUnits_UnitId",
                table: "PulseRoundUnits",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PulseSurveyItems_QuestionId",
                table: "PulseSurveyItems",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_RoleClaims_RoleId",
                table: "RoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "Roles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScorecardIssueItems_IssueId_OrgUnitId",
                table: "ScorecardIssueItems",
                columns: new[] { "IssueId", "OrgUnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScorecardIssueItems_IssueId_Status",
                table: "ScorecardIssueItems",
                columns: new[] { "IssueId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ScorecardIssueItems_OrgUnitId",
                table: "ScorecardIssueItems",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ScorecardIssues_QuarterKey_Number",
                table: "ScorecardIssues",
                columns: new[] { "QuarterKey", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSignals_AcknowledgedById",
                table: "ServiceSignals",
                column: "AcknowledgedById");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSignals_ForwardedById",
                table: "ServiceSignals",
                column: "ForwardedById");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSignals_LoggedById",
                table: "ServiceSignals",
                column: "LoggedById");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSignals_PromiseId_QuarterKey",
                table: "ServiceSignals",
                columns: new[] { "PromiseId", "QuarterKey" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceSignals_UnitId_Date",
                table: "ServiceSignals",
                columns: new[] { "UnitId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceStandards_OwnerUnitId_Status",
                table: "ServiceStandards",
                columns: new[] { "OwnerUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceStandards_TemplateCode",
                table: "ServiceStandards",
                column: "TemplateCode");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceStandardVersions_StandardId_Number",
                table: "ServiceStandardVersions",
                columns: new[] { "StandardId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceStrategyChoices_EffectiveQuarterKey",
                table: "ServiceStrategyChoices",
                column: "EffectiveQuarterKey");

            migrationBuilder.CreateIndex(
                name: "IX_SignInSessions_LastSeenUtc",
                table: "SignInSessions",
                column: "LastSeenUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SignInSessions_UserId",
                table: "SignInSessions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_StandardResults_QuarterKey",
                table: "StandardResults",
                column: "QuarterKey");

            migrationBuilder.CreateIndex(
                name: "IX_StandardResults_StandardId_QuarterKey",
                table: "StandardResults",
                columns: new[] { "StandardId", "QuarterKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserClaims_UserId",
                table: "UserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_UserLogins_UserId",
                table: "UserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_UserRoles_RoleId",
                table: "UserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "Users",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Users_ErasedEmailHash",
                table: "Users",
                column: "ErasedEmailHash");

            migrationBuilder.CreateIndex(
                name: "IX_Users_PersonId",
                table: "Users",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "Users",
                column: "NormalizedUserName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionCheckIns");

            migrationBuilder.DropTable(
                name: "ActionReminderRuns");

            migrationBuilder.DropTable(
                name: "AnswerMixes");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "AuditLog");

            migrationBuilder.DropTable(
                name: "CustomerScoreQuarters");

            migrationBuilder.DropTable(
                name: "CustomerScoreRecords");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "IssuedScorecardContents");

            migrationBuilder.DropTable(
                name: "NoticeSettings");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "Participations");

            migrationBuilder.DropTable(
                name: "PeopleImports");

            migrationBuilder.DropTable(
                name: "PromiseCheckResults");

            migrationBuilder.DropTable(
                name: "PromiseRequirements");

            migrationBuilder.DropTable(
                name: "PulseAudienceUnits");

            migrationBuilder.DropTable(
                name: "PulseComments");

            migrationBuilder.DropTable(
                name: "PulseLinks");

            migrationBuilder.DropTable(
                name: "PulseReminderRuns");

            migrationBuilder.DropTable(
                name: "PulseResponses");

            migrationBuilder.DropTable(
                name: "PulseSurveyItems");

            migrationBuilder.DropTable(
                name: "RoleClaims");

            migrationBuilder.DropTable(
                name: "ScorecardIssueItems");

            migrationBuilder.DropTable(
                name: "ServiceSignals");

            migrationBuilder.DropTable(
                name: "ServiceStandardVersions");

            migrationBuilder.DropTable(
                name: "ServiceStrategyChoices");

            migrationBuilder.DropTable(
                name: "SignInSessions");

            migrationBuilder.DropTable(
                name: "StandardResults");

            migrationBuilder.DropTable(
                name: "UserClaims");

            migrationBuilder.DropTable(
                name: "UserLogins");

            migrationBuilder.DropTable(
                name: "UserRoles");

            migrationBuilder.DropTable(
                name: "UserTokens");

            migrationBuilder.DropTable(
                name: "ImprovementActions");

            migrationBuilder.DropTable(
                name: "IssuedScorecards");

            migrationBuilder.DropTable(
                name: "Capabilities");

            migrationBuilder.DropTable(
                name: "PulseInvitations");

            migrationBuilder.DropTable(
                name: "PulseQuestions");

            migrationBuilder.DropTable(
                name: "MarketingPromises");

            migrationBuilder.DropTable(
                name: "ServiceStandards");

            migrationBuilder.DropTable(
                name: "Roles");

            migrationBuilder.DropTable(
                name: "Users");

            migrationBuilder.DropTable(
                name: "ScorecardIssues");

            migrationBuilder.DropTable(
                name: "PulseRoundUnits");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "PulseRounds");

            migrationBuilder.DropTable(
                name: "OrgUnits");

            migrationBuilder.DropTable(
                name: "PulseSurveys");
        }
    }
}
