<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicantRules</name>
    <message>
        <location filename="../app/core/Applicant.cpp" line="62"/>
        <source>Enter the %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="64"/>
        <source>The %1 is too long: %2 characters, at most %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="68"/>
        <source>The %1 contains a control character; retype it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="70"/>
        <source>The %1 contains a character that cannot be printed on a notice (such as an emoji).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="81"/>
        <source>Enter a contact phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="83"/>
        <source>The phone number &quot;%1&quot; is not valid: use digits, optionally with an area code and &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="90"/>
        <source>applicant&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="90"/>
        <source>organisation&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="98"/>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="101"/>
        <source>legal representative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="108"/>
        <source>agent&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="112"/>
        <source>Agent: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthService</name>
    <message>
        <location filename="../app/services/AuthService.cpp" line="16"/>
        <source>The user name or the password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/services/AuthService.cpp" line="39"/>
        <source>Too many wrong passwords. Try again in %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="41"/>
        <source>Enter your user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="65"/>
        <source>This user account is disabled. Ask the hall administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="85"/>
        <source>The current password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="89"/>
        <source>The new password must differ from the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="97"/>
        <source>The key slot could not be rewrapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="132"/>
        <source>Give the user at least one role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="135"/>
        <source>The user name %1 is taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="150"/>
        <source>The key slot could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseLookupWidget</name>
    <message>
        <location filename="../forms/CaseLookupWidget.ui" line="10"/>
        <source>Find a &amp;case:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/CaseLookupWidget.ui" line="16"/>
        <source>case number, applicant&apos;s ID number or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/CaseLookupWidget.ui" line="23"/>
        <source>My cases &amp;today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/CaseLookupWidget.ui" line="51"/>
        <source>&amp;Print the notice again…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../app/core/Catalog.cpp" line="171"/>
        <source>this field is given twice in the same object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="236"/>
        <source>unknown field &quot;%1&quot;; the fields allowed here are: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="245"/>
        <source>the required field &quot;%1&quot; is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="257"/>
        <location filename="../app/core/Catalog.cpp" line="315"/>
        <source>must be text in double quotes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="269"/>
        <source>must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="282"/>
        <source>must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="294"/>
        <source>must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="306"/>
        <source>must be a list of texts in square brackets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="326"/>
        <source>must be a list in square brackets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="346"/>
        <location filename="../app/core/Catalog.cpp" line="570"/>
        <source>unknown value &quot;%1&quot;; expected one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="410"/>
        <source>each material must be an object in braces { }.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="444"/>
        <source>&quot;%1&quot; is not a date written as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="451"/>
        <source>each matter must be an object in braces { }.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="459"/>
        <source>each bundle must be an object in braces { }.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="471"/>
        <source>must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="475"/>
        <source>is %1 characters long; at most %2 are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="483"/>
        <source>contains the control character U+%1; remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="488"/>
        <source>a code may not contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="504"/>
        <source>a time limit cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="508"/>
        <source>%1 working days is not a plausible time limit (at most %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="514"/>
        <source>time limits are counted in whole or half working days; %1 is neither.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="525"/>
        <source>holds the unknown value %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="541"/>
        <source>%1 copies is not plausible (0 to 99).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="544"/>
        <source>a paper original or copy needs at least one copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="546"/>
        <source>the order cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="549"/>
        <source>the material &quot;%1&quot; is deferrable, but the matter %2 does not allow deferred materials (容缺); set &quot;deferralAllowed&quot;: true or make it required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="574"/>
        <source>%1 visits is not plausible (0 to 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="582"/>
        <source>the matter %1 promises %2 working days, longer than its legal limit of %3; the promised limit may not exceed the legal one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="588"/>
        <source>an instant matter (即办件) is finished on the spot: its promised limit must be 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="591"/>
        <source>a promised matter (承诺件) needs a promised limit above 0; otherwise mark it &quot;instant&quot;: true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="602"/>
        <source>the material code %1 appears twice in the matter %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="619"/>
        <source>the bundle code %1 is used twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="622"/>
        <source>the code %1 is used by a matter and by a bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="627"/>
        <source>the bundle %1 contains no matter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="633"/>
        <source>the bundle %1 refers to the matter %2, which is not in the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="636"/>
        <source>the bundle %1 lists the matter %2 twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="645"/>
        <source>the bundle %1 includes the bundle %2, which is not in the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="667"/>
        <source>the bundles include each other in a cycle: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="685"/>
        <source>the version must be a whole number from 1 up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="687"/>
        <source>the date from which the catalog applies is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="699"/>
        <source>the matter code %1 is used twice (also by matters[%2]).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="707"/>
        <source>the implementation code %1 is used twice (also by matters[%2]).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="720"/>
        <source>the material code %1 is named &quot;%2&quot; here but &quot;%3&quot; elsewhere; one code must mean one material.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="735"/>
        <source>catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="737"/>
        <source>Line %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="739"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/Catalog.cpp" line="742"/>
        <source>… and %n more problem(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="917"/>
        <source>The catalog file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="927"/>
        <source>Line %1, column %2: the catalog is not valid JSON (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="935"/>
        <source>Line 1: the catalog must be a JSON object in braces { }.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="957"/>
        <source>The built-in demonstration catalog is missing from this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1169"/>
        <source>Administrative licensing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1170"/>
        <source>Administrative penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1171"/>
        <source>Administrative enforcement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1172"/>
        <source>Administrative levy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1173"/>
        <source>Administrative benefit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1174"/>
        <source>Administrative inspection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1175"/>
        <source>Administrative confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1176"/>
        <source>Administrative award</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1177"/>
        <source>Administrative adjudication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1178"/>
        <source>Other administrative power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1179"/>
        <source>Public service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1187"/>
        <source>Investment project zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1188"/>
        <source>Market access zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1189"/>
        <source>Social livelihood zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1197"/>
        <source>High risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1198"/>
        <source>Medium risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1199"/>
        <source>Low risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1207"/>
        <source>Original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1208"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1209"/>
        <source>Electronic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1217"/>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1218"/>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1219"/>
        <source>Deferrable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1227"/>
        <source>Brought by the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1228"/>
        <source>Issued by a government body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1229"/>
        <source>Obtained from shared data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1237"/>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1239"/>
        <source>Approval document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1241"/>
        <source>Filing notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1243"/>
        <source>Certificate of confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Catalog.cpp" line="1245"/>
        <source>Other result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogRepository</name>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="37"/>
        <source>The catalog was not imported because it is inconsistent:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="43"/>
        <source>Unable to start the catalog import: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="50"/>
        <source>Unable to read the catalog versions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="58"/>
        <source>Catalog version %1 was not imported: version %2 is already stored, and a new catalog must carry a higher version number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="66"/>
        <source>Catalog version %1 was not imported: it would apply from %2, before version %3 (from %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="81"/>
        <source>Catalog version %1 was not imported (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="92"/>
        <source>version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="109"/>
        <source>matter %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="115"/>
        <source>material %1 of matter %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="125"/>
        <location filename="../db/CatalogRepository.cpp" line="129"/>
        <source>bundle %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="132"/>
        <source>commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="147"/>
        <source>Unable to read the catalog: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="156"/>
        <source>The stored catalog version %1 is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="162"/>
        <source>The stored catalog version %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogService</name>
    <message>
        <location filename="../app/services/CatalogService.cpp" line="30"/>
        <source>There is no catalog version %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/CatalogService.cpp" line="31"/>
        <source>No catalog is loaded at this hall.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="5"/>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="11"/>
        <source>&amp;Current password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="20"/>
        <source>&amp;New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="29"/>
        <source>&amp;Repeat new password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../db/Database.cpp" line="60"/>
        <source>The database key is not a 256-bit key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="137"/>
        <source>Unable to read the schema version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="150"/>
        <source>Unable to read the migration %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="162"/>
        <source>The migration %1 failed and was undone: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="173"/>
        <source>The file %1 already exists; choose a new name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="181"/>
        <location filename="../db/Database.cpp" line="194"/>
        <source>Unable to create the plaintext copy: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Deadline</name>
    <message>
        <location filename="../app/core/Deadline.cpp" line="40"/>
        <source>The deadline cannot be computed without the acceptance date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Deadline.cpp" line="43"/>
        <source>The time limit must be between 0 and %1 working days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Deadline.cpp" line="82"/>
        <source>The clock has stood still since %1 with %2 of %3 working days used; the due date is set when it resumes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Deadline.cpp" line="88"/>
        <source>The clock has stood still since %1 (%2) with %3 of %4 working days used; the due date is set when it resumes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentRenderer</name>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="609"/>
        <source>The PDF could not be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="615"/>
        <source>Cannot write the PDF to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/print/DocumentRenderer.cpp" line="661"/>
        <source>The notice has %n page(s); the chosen range has none of them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="668"/>
        <source>The printer %1 is not ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="669"/>
        <source>Cannot write to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="676"/>
        <source>The printer stopped after page %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="687"/>
        <source>The printer did not accept the notice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventStore</name>
    <message>
        <location filename="../db/EventStore.cpp" line="44"/>
        <source>An event needs a kind, a user and a workstation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="84"/>
        <source>The event could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HallService</name>
    <message>
        <location filename="../app/services/HallService.cpp" line="64"/>
        <source>Enter the name of the hall&apos;s bureau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/HallService.cpp" line="71"/>
        <source>A hall database already exists at %1; it was left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Identifiers</name>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="67"/>
        <source>Enter the unified social credit code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/Identifiers.cpp" line="69"/>
        <source>The unified social credit code has %n character(s); it needs 18.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="76"/>
        <source>Character %1 of the unified social credit code is “%2”: the letters I, O, S, V and Z are never used (perhaps 1, 0, 5, U or 2?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="81"/>
        <source>Character %1 of the unified social credit code is “%2”: only digits and capital letters are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="89"/>
        <source>The last character of the unified social credit code should be %1 but is %2: a character was probably mistyped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="182"/>
        <source>Enter the resident ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/Identifiers.cpp" line="184"/>
        <source>The resident ID number has %n character(s); it needs 18.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="188"/>
        <source>Character %1 of the resident ID number is “%2”: the first 17 characters must be digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="196"/>
        <source>The last character of the resident ID number is “%1”: it must be a digit or X.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="203"/>
        <source>Characters 7–14 of the resident ID number (%1) are not a real date of birth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="208"/>
        <source>The date of birth in the resident ID number (%1) is before 1900.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="212"/>
        <source>The date of birth in the resident ID number (%1) is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="218"/>
        <source>The last character of the resident ID number should be %1 but is %2: a digit was probably mistyped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="235"/>
        <source>Enter the electronic licence identifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="237"/>
        <source>An electronic licence identifier starts with 1.2.156.3005.2 (the root code of electronic licences).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/Identifiers.cpp" line="242"/>
        <source>After 1.2.156.3005.2 an electronic licence identifier has five parts separated by dots (type code, issuer code, serial number, version, check character); this one has %n.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/Identifiers.cpp" line="253"/>
        <source>The licence type code has %n character(s); it needs 21 (a unified social credit code and a 3-digit number).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="259"/>
        <source>The licence type code does not start with a valid unified social credit code: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="265"/>
        <source>The licence type code must end with 3 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="270"/>
        <source>The issuer code of the licence identifier is wrong: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="275"/>
        <source>The serial number of the licence identifier is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="278"/>
        <source>Character %1 of the licence serial number is “%2”: only digits and capital letters are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="289"/>
        <source>The version of the licence identifier is “%1”: it must be 3 digits, such as 001.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="296"/>
        <source>The licence identifier must end with one check character (%1 here), not “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="302"/>
        <source>The check character of the licence identifier should be %1 but is %2: a character was probably mistyped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntakeRules</name>
    <message>
        <location filename="../app/core/Intake.cpp" line="141"/>
        <source>Choose the matter or bundle first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="143"/>
        <source>note on &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="147"/>
        <source>Enter how many copies of &quot;%1&quot; were received (1 to 99).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="151"/>
        <source>A refusal must state its reasons (Administrative Licensing Law, art. 38).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="153"/>
        <source>reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="159"/>
        <source>&quot;%1&quot; has not been checked yet: mark it received, missing, deferred, not applicable or obtained from shared data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="164"/>
        <source>&quot;%1&quot; is required and cannot be marked not applicable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="168"/>
        <source>A one-time notice lists what is missing or wrong: mark at least one material missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="174"/>
        <source>&quot;%1&quot; does not allow commitment-based acceptance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="177"/>
        <source>Commitment-based acceptance does not defer materials; mark &quot;%1&quot; missing (covered by the pledge) or received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="185"/>
        <source>&quot;%1&quot; is missing: give a one-time notice instead, or defer it if the matter allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="191"/>
        <source>Accepting with deferred materials needs at least one deferred material.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="196"/>
        <source>&quot;%1&quot; cannot be deferred: only materials marked deferrable in the catalog can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="199"/>
        <source>&quot;%1&quot; does not allow deferred materials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="201"/>
        <source>Give the date by which &quot;%1&quot; must be supplied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="203"/>
        <source>The due date of &quot;%1&quot; is in the past.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="205"/>
        <source>The due date of &quot;%1&quot; (%2) is after the promised completion date (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="211"/>
        <source>Some materials are deferred: choose &quot;Accept with deferred materials&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="215"/>
        <source>&quot;%1&quot; is not an instant matter (即办件).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntakeService</name>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="25"/>
        <source>No catalog of matters is loaded at this hall. Ask the administrator to import one (oneseal-admin catalog-import).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="124"/>
        <source>Choose a matter or bundle from the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="143"/>
        <location filename="../app/services/IntakeService.cpp" line="149"/>
        <source>The checklist does not match the matter; choose the matter again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="168"/>
        <source>The file %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="170"/>
        <source>The file %1 is larger than 20 MB; scan it at a lower resolution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="172"/>
        <source>The file %1 is neither an image nor a PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="173"/>
        <source>file name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntakeWorkbench</name>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="17"/>
        <source>Matter or bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="23"/>
        <source>&amp;Find (F2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="29"/>
        <source>name, code, keyword or pinyin initials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="51"/>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="55"/>
        <source>&amp;ID number / credit code (F3):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="71"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="80"/>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="89"/>
        <source>A&amp;ddress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="98"/>
        <source>&amp;Legal representative:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="107"/>
        <source>An a&amp;gent (代理人) applies for them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="112"/>
        <source>Agent&apos;s na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="121"/>
        <source>Agent&apos;s ID n&amp;umber:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="135"/>
        <source>Checklist (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="149"/>
        <source>Keys: R received · M missing · D deferred · N not applicable · S shared data · O original/copy · + / − copies · Enter edits the note, copies or due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="156"/>
        <source>Attach &amp;scan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="161"/>
        <source>&amp;View scans…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="171"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="177"/>
        <source>Reasons / &amp;remarks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="191"/>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="192"/>
        <source>Accept, materials deferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="193"/>
        <source>Commitment-based</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="194"/>
        <source>One-time notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="195"/>
        <source>Refuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="196"/>
        <source>Complete instantly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="197"/>
        <source>New intake</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyRing</name>
    <message>
        <location filename="../db/KeyRing.cpp" line="32"/>
        <source>No key ring was found at %1: this is not a OneSeal hall database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/KeyRing.cpp" line="39"/>
        <source>The key ring %1 is damaged or of an unknown format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/KeyRing.cpp" line="80"/>
        <source>Unable to write the key ring %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../forms/LoginDialog.ui" line="6"/>
        <source>OneSeal — Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="10"/>
        <source>OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="17"/>
        <source>Log in with your user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="25"/>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="36"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../forms/MainWindow.ui" line="6"/>
        <source>OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="13"/>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="23"/>
        <source>Recent &amp;events at this workstation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="41"/>
        <source>The workstation is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="54"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="62"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="70"/>
        <source>&amp;Lock workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="71"/>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="74"/>
        <source>Change &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="77"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="80"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="81"/>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="84"/>
        <source>&amp;About OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumberBlocks</name>
    <message>
        <location filename="../db/IntakeRepository.cpp" line="158"/>
        <source>A number block must run from 1 upwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/IntakeRepository.cpp" line="168"/>
        <source>The number block %1–%2 overlaps one this workstation already holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/IntakeRepository.cpp" line="193"/>
        <source>This workstation has no %1 numbers left. Connect to the hall&apos;s hub so that it can lease a new block.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OneSealAdmin</name>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="63"/>
        <source>oneseal-admin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="76"/>
        <source>The hall database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="76"/>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="82"/>
        <source>The administrator&apos;s user name (password on standard input).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="83"/>
        <location filename="../app/cli/AdminCommands.cpp" line="106"/>
        <location filename="../app/cli/AdminCommands.cpp" line="157"/>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="105"/>
        <source>The bureau&apos;s name (on the seal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="105"/>
        <location filename="../app/cli/AdminCommands.cpp" line="108"/>
        <location filename="../app/cli/AdminCommands.cpp" line="158"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="106"/>
        <source>The first administrator&apos;s user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="108"/>
        <source>The administrator&apos;s full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="109"/>
        <source>This workstation&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="109"/>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="111"/>
        <source>Creates a hall database, its key ring and its first administrator.
The password is read twice from standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="120"/>
        <source>New administrator password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="121"/>
        <source>Repeat the password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="122"/>
        <source>The two passwords differ; nothing was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="127"/>
        <source>Created the hall database %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="135"/>
        <source>Do nothing when the database exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="137"/>
        <source>Creates the demo hall (users listed in the README).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="140"/>
        <source>The demo hall %1 is already there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="146"/>
        <source>Created the demo hall %1. Every demo user&apos;s password is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="157"/>
        <source>The new user&apos;s user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="158"/>
        <source>The new user&apos;s full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="160"/>
        <source>Roles, comma separated: intake, review, inspection, approval, certificate, supervisor, admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="162"/>
        <source>roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="164"/>
        <source>Adds a user. Reads the administrator&apos;s password, then the new user&apos;s, from standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="169"/>
        <source>Unknown role(s): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="172"/>
        <location filename="../app/cli/AdminCommands.cpp" line="191"/>
        <location filename="../app/cli/AdminCommands.cpp" line="212"/>
        <location filename="../app/cli/AdminCommands.cpp" line="261"/>
        <source>Administrator password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="176"/>
        <source>New user&apos;s password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="178"/>
        <source>Added the user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="188"/>
        <source>Prints the raw database key (64 hex digits) for disaster recovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="204"/>
        <source>Where to write the unencrypted copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="204"/>
        <location filename="../app/cli/AdminCommands.cpp" line="283"/>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="206"/>
        <source>Writes an unencrypted copy of the hall database for disaster recovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="209"/>
        <source>Say where to write the copy with --out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="219"/>
        <source>Wrote an UNENCRYPTED copy to %1. Keep it locked away and delete it when done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="230"/>
        <source>Shows the hall, the workstation, the schema version and the number of events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="234"/>
        <location filename="../app/cli/AdminCommands.cpp" line="289"/>
        <source>Password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="237"/>
        <source>Hall: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="238"/>
        <source>Workstation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="239"/>
        <source>Schema version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="240"/>
        <source>Events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="250"/>
        <source>The catalog JSON file (format: docs/CATALOG.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="251"/>
        <source>Imports a new version of the catalog of matters, materials and bundles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="254"/>
        <source>Name one catalog file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="257"/>
        <source>Unable to read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="266"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="267"/>
        <source>Imported catalog version %1: %2 matters, %3 bundles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="280"/>
        <source>The version to export (default: current).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="281"/>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="282"/>
        <source>Where to write the JSON (default: standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="285"/>
        <source>Exports a catalog version as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="301"/>
        <source>Unable to write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="306"/>
        <source>create a hall database and its first administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="307"/>
        <source>create the demo hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="308"/>
        <source>add a user with roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="309"/>
        <source>print the raw database key (disaster recovery)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="310"/>
        <source>write an unencrypted copy (disaster recovery)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="312"/>
        <source>import a new catalog version from JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="313"/>
        <source>export a catalog version as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="314"/>
        <source>show the hall, workstation and schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="319"/>
        <source>Usage: oneseal-admin COMMAND [options]   (oneseal-admin COMMAND --help for its options)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="341"/>
        <source>Unknown command &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QrCode</name>
    <message>
        <location filename="../app/print/QrCode.cpp" line="24"/>
        <source>There is nothing to put in the QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/print/QrCode.cpp" line="34"/>
        <source>The QR code content is too long (%1 bytes); a QR code at error correction level M holds at most 2331 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/print/QrCode.cpp" line="38"/>
        <source>The QR code could not be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../app/core/Role.cpp" line="40"/>
        <source>Intake clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="41"/>
        <source>Reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="42"/>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="43"/>
        <source>Approver (seal holder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="44"/>
        <source>Certificate operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="45"/>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="46"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../app/services/Session.cpp" line="38"/>
        <source>Your role does not allow this. Ask a colleague who holds the right role, or the hall administrator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="5"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="11"/>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="20"/>
        <source>Lock after &amp;idle minutes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="35"/>
        <source>A new language takes effect when OneSeal is started again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqlCipherDriver</name>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="166"/>
        <source>The database is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="174"/>
        <source>Unable to prepare the statement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="180"/>
        <source>Unable to execute multiple statements at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="186"/>
        <source>The statement is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="209"/>
        <source>No statement is prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="225"/>
        <source>Parameter count mismatch: the statement takes %1 values, %2 were bound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="282"/>
        <source>Unable to bind parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="304"/>
        <source>Unable to execute the statement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="332"/>
        <source>Unable to fetch the next row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="361"/>
        <source>Unable to fetch the row.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <location filename="../db/Database.cpp" line="240"/>
        <source>No transaction is open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>User</name>
    <message>
        <location filename="../app/core/User.cpp" line="12"/>
        <source>Enter a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="14"/>
        <source>A user name has 2 to 32 letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="21"/>
        <source>A password needs at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="23"/>
        <source>A password cannot be only spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="25"/>
        <source>A password can have at most 256 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="33"/>
        <source>Enter the person&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="35"/>
        <source>A name can have at most 64 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="38"/>
        <source>A name cannot contain control characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkCalendar</name>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="54"/>
        <source>The holiday file is not valid JSON: %1 (at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="60"/>
        <source>The holiday file must be a JSON object with &quot;year&quot;, &quot;papers&quot; and &quot;days&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="69"/>
        <source>The holiday file must give its &quot;year&quot; as a number between %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="82"/>
        <source>The holiday file for %1 must list its State Council notices in &quot;papers&quot; (a list of addresses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="90"/>
        <source>The holiday file for %1 has no &quot;days&quot; list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="96"/>
        <source>The holiday file for %1 lists no days: the arrangement for %1 is not published yet, so %1 has no working-day calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="109"/>
        <source>Entry %1 of the holiday file for %2 needs a &quot;name&quot;, a &quot;date&quot; and &quot;isOffDay&quot; (true or false).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="118"/>
        <source>Entry %1 of the holiday file for %2 has the date “%3”, which is not a real date written YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="127"/>
        <source>Entry %1 of the holiday file for %2 is dated %3, outside %2 and the end of %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="135"/>
        <source>The holiday file for %1 lists %2 twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="160"/>
        <source>The holiday file for %1 makes %2 a %3, but the loaded file for %4 makes it a %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="163"/>
        <location filename="../app/core/WorkCalendar.cpp" line="165"/>
        <source>day off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="163"/>
        <location filename="../app/core/WorkCalendar.cpp" line="165"/>
        <source>working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="213"/>
        <source>The holiday calendar for %1 is not loaded, so this date is uncertain: it counts Monday to Friday as working days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="216"/>
        <source>The holiday calendars for %1 are not loaded, so this date is uncertain: it counts Monday to Friday as working days.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/client/main.cpp" line="25"/>
        <source>OneSeal window-staff client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="29"/>
        <source>The hall database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="30"/>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="33"/>
        <source>Create the demo hall if there is none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="42"/>
        <location filename="../app/client/main.cpp" line="49"/>
        <source>OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="43"/>
        <source>There is no hall database at %1.
Create one with &apos;oneseal-admin init&apos;, or start with --demo.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::db::EventLogModel</name>
    <message>
        <location filename="../db/EventLogModel.cpp" line="31"/>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/EventLogModel.cpp" line="32"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/EventLogModel.cpp" line="33"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/EventLogModel.cpp" line="34"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/EventLogModel.cpp" line="35"/>
        <source>Workstation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::db::SqlCipherDriver</name>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="526"/>
        <source>The database key must be 256 bits (64 hexadecimal digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="529"/>
        <source>The database file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="543"/>
        <source>Unable to open the database file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="550"/>
        <source>Unable to set the database key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="558"/>
        <source>The key does not open this database, or the file is not an OneSeal database, or it is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="563"/>
        <source>Unable to switch the database to WAL mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="567"/>
        <source>Unable to set the durability level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="568"/>
        <source>Unable to enable foreign keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="602"/>
        <source>Unable to begin the transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="613"/>
        <source>Unable to commit the transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="631"/>
        <source>Unable to roll back the transaction.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::CaseListModel</name>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="19"/>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="20"/>
        <source>awaiting materials (one-time notice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="21"/>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="22"/>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="23"/>
        <source>reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="24"/>
        <source>correction requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="25"/>
        <source>inspected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="26"/>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="52"/>
        <source> (uncertain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="64"/>
        <source>Case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="65"/>
        <source>Matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="66"/>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="67"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="68"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="69"/>
        <source>Promised by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="70"/>
        <source>Clerk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::CaseLookupWidget</name>
    <message numerus="yes">
        <location filename="../app/ui/CaseLookupWidget.cpp" line="42"/>
        <source>%n case(s) taken in by you today.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="48"/>
        <source>No case matches &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/CaseLookupWidget.cpp" line="49"/>
        <source>%n case(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="68"/>
        <source>&lt;p&gt;Applicant: %1 (%2) · phone %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="71"/>
        <source>&lt;p&gt;Agent: %1 (%2)&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="72"/>
        <source>&lt;p&gt;Status: %1 · received %2 by %3 · promised by %4%5&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="75"/>
        <source> (uncertain: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="80"/>
        <source>, due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="82"/>
        <source>&lt;p&gt;Notices printed: %1 · scans: %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::ChangePasswordDialog</name>
    <message>
        <location filename="../app/ui/ChangePasswordDialog.cpp" line="24"/>
        <source>The two new passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::ChecklistModel</name>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="71"/>
        <source>not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="72"/>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="73"/>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="74"/>
        <source>deferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="75"/>
        <source>not applicable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="76"/>
        <source>shared data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="85"/>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="86"/>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="87"/>
        <source>required, may be deferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="90"/>
        <source>, core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="114"/>
        <source>original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="114"/>
        <source>copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="177"/>
        <source>Material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="178"/>
        <source>Requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="179"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="180"/>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="181"/>
        <source>Copies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="182"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="183"/>
        <source>Note / reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="184"/>
        <source>Scans</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::IntakeWorkbench</name>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="148"/>
        <source>[bundle] %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="149"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="167"/>
        <source>No matter or bundle has the code %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/IntakeWorkbench.cpp" line="181"/>
        <source>Bundle of %n matter(s); shared materials are collected once.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="182"/>
        <source>Instant matter (即办件): completed at the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="183"/>
        <source>Promised: %1 working days, by %2 · legal: %3 working days, by %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="191"/>
        <source>Risk level: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="236"/>
        <source>Returning applicant: details filled in from the record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="242"/>
        <source>New organisation: enter its name and phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="243"/>
        <source>New applicant: enter the name and phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="310"/>
        <source>Choose the matter or bundle first (F2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="347"/>
        <source>Case %1 recorded: %2 printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="348"/>
        <source>Case %1 recorded. The %2 was not printed: print it from the case lookup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="360"/>
        <source>Print preview — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="371"/>
        <source>Select the material the scan belongs to first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="376"/>
        <source>Unable to read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="380"/>
        <source>The file %1 is larger than 20 MB; scan it at a lower resolution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="388"/>
        <source>The file %1 is neither an image nor a PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="396"/>
        <source>Attached %1 to &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="402"/>
        <source>Attach a scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="403"/>
        <source>Scans (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="415"/>
        <source>Scans of &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="430"/>
        <source>%1 (PDF, %2 KB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="435"/>
        <source>No scans attached to this material yet (Ctrl+O attaches one).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::LoginDialog</name>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="21"/>
        <source>Hall database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="31"/>
        <source>OneSeal — Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="32"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="33"/>
        <source>The workstation was locked. Enter your password to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="36"/>
        <source>&amp;Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="45"/>
        <source>&amp;Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="46"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/LoginDialog.cpp" line="74"/>
        <source>Too many wrong passwords. Try again in %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="104"/>
        <source>The password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::MainWindow</name>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="28"/>
        <source>OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="28"/>
        <source>OneSeal — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="29"/>
        <source>Welcome, %1. You work here as: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="46"/>
        <source>&amp;Intake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="51"/>
        <source>&amp;Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="74"/>
        <source>%1 (%2) · workstation %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="111"/>
        <source>Your password was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="118"/>
        <source>About OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="119"/>
        <source>&lt;b&gt;OneSeal&lt;/b&gt; %1&lt;br&gt;Window-staff client for one-seal government service halls.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::SettingsDialog</name>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="14"/>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
