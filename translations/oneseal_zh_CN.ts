<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlignmentPage</name>
    <message>
        <location filename="../app/print/AlignmentPage.cpp" line="123"/>
        <source>%1: %2, %3 mm</source>
        <translation>%1：%2，%3 毫米</translation>
    </message>
    <message>
        <location filename="../app/print/AlignmentPage.cpp" line="136"/>
        <source>Print at actual size (no &quot;fit to page&quot;) on the paper used for this certificate.</source>
        <translation>请使用制作该证照所用的纸张，按实际尺寸打印（不要选择“适合页面大小”）。</translation>
    </message>
    <message>
        <location filename="../app/print/AlignmentPage.cpp" line="137"/>
        <source>Measure the centre of each cross from the paper&apos;s left and top edges and enter the figures:</source>
        <translation>请测量每个十字中心到纸张左边缘和上边缘的距离，并填入数值：</translation>
    </message>
    <message>
        <location filename="../app/print/AlignmentPage.cpp" line="138"/>
        <source>the program works out the correction. The rulers count millimetres from the sheet&apos;s edges.</source>
        <translation>程序将自动计算校正值。标尺以毫米为单位，从纸张边缘起算。</translation>
    </message>
    <message>
        <location filename="../app/print/AlignmentPage.cpp" line="141"/>
        <source>Printed with the correction: %1 mm right, %2 mm down, scale %3.</source>
        <translation>已按校正值打印：向右 %1 毫米，向下 %2 毫米，缩放比例 %3。</translation>
    </message>
    <message>
        <location filename="../app/print/AlignmentPage.cpp" line="144"/>
        <source>Alignment page: %1 (%2, %3 × %4 mm)</source>
        <translation>对位校准页：%1（%2，%3 × %4 毫米）</translation>
    </message>
    <message>
        <location filename="../app/print/AlignmentPage.cpp" line="180"/>
        <location filename="../app/print/AlignmentPage.cpp" line="204"/>
        <source>Alignment page: %1</source>
        <translation>对位校准页：%1</translation>
    </message>
    <message>
        <location filename="../app/print/AlignmentPage.cpp" line="193"/>
        <source>Cannot write the alignment page to %1: %2</source>
        <translation>无法将对位校准页写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/print/AlignmentPage.cpp" line="208"/>
        <source>The printer %1 is not ready.</source>
        <translation>打印机 %1 未就绪。</translation>
    </message>
    <message>
        <location filename="../app/print/AlignmentPage.cpp" line="215"/>
        <source>The printer did not accept the alignment page.</source>
        <translation>打印机未接受对位校准页。</translation>
    </message>
</context>
<context>
    <name>ApplicantRules</name>
    <message>
        <location filename="../app/core/Applicant.cpp" line="105"/>
        <source>Enter the %1.</source>
        <translation>请输入%1。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="107"/>
        <source>The %1 is too long: %2 characters, at most %3.</source>
        <translation>%1过长：共%2个字符，最多允许%3个。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="111"/>
        <source>The %1 contains a control character; retype it.</source>
        <translation>%1含有控制字符，请重新输入。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="113"/>
        <source>The %1 contains a character that cannot be printed on a notice (such as an emoji).</source>
        <translation>%1含有无法打印在通知书上的字符（如表情符号）。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="124"/>
        <source>Enter a contact phone number.</source>
        <translation>请输入联系电话。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="126"/>
        <source>The phone number &quot;%1&quot; is not valid: use digits, optionally with an area code and &apos;-&apos;.</source>
        <translation>电话号码“%1”无效：请使用数字，可带区号和“-”。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="138"/>
        <source>applicant&apos;s name</source>
        <translation>申请人姓名</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="138"/>
        <source>organisation&apos;s name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="146"/>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="149"/>
        <source>legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="182"/>
        <source>An organisation has no ID card details; clear them.</source>
        <translation>单位申请人没有身份证信息，请清除这些信息。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="186"/>
        <source>Give the sex as 男 or 女 (1 or 2).</source>
        <translation>请将性别填写为男或女（1 或 2）。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="189"/>
        <source>The sex %1 does not match the ID number (its 17th digit is %2).</source>
        <translation>性别“%1”与身份证号码不符（号码第 17 位为 %2）。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="192"/>
        <source>ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="195"/>
        <source>The birth date %1 does not match the ID number, which says %2.</source>
        <translation>出生日期 %1 与身份证号码不符，号码显示为 %2。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="198"/>
        <source>issuing authority</source>
        <translation>签发机关</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="201"/>
        <source>The card&apos;s validity ends (%1) before it begins (%2).</source>
        <translation>身份证有效期限的截止日期（%1）早于起始日期（%2）。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="206"/>
        <source>The card&apos;s validity begins (%1) before its holder was born.</source>
        <translation>身份证有效期限的起始日期（%1）早于持证人的出生日期。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="215"/>
        <source>This ID card expired on %1: ask for a valid identity document.</source>
        <translation>该身份证已于 %1 过期：请申请人出示有效身份证件。</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="225"/>
        <source>agent&apos;s name</source>
        <translation>代理人姓名</translation>
    </message>
    <message>
        <location filename="../app/core/Applicant.cpp" line="229"/>
        <source>Agent: %1</source>
        <translation>代理人：%1</translation>
    </message>
</context>
<context>
    <name>AuditChain</name>
    <message>
        <location filename="../app/core/AuditChain.cpp" line="51"/>
        <source>Event seq %1 (%2, %3) was changed: its content no longer matches its hash.</source>
        <translation>序号为 %1 的事件（%2，%3）已被修改：其内容与其哈希值不再相符。</translation>
    </message>
    <message>
        <location filename="../app/core/AuditChain.cpp" line="66"/>
        <source>Event seq %1 (%2, %3) was inserted: it is not part of the workstation&apos;s chain (two events claim the same predecessor).</source>
        <translation>序号为 %1 的事件（%2，%3）系被插入：它不属于该工作站的审计链（有两个事件指向同一个前一事件）。</translation>
    </message>
    <message>
        <location filename="../app/core/AuditChain.cpp" line="81"/>
        <source>The events before seq %1 (%2, %3) were removed: it names a predecessor that is not there.</source>
        <translation>序号 %1（%2，%3）之前的事件已被删除：该事件所指向的前一事件不存在。</translation>
    </message>
    <message>
        <location filename="../app/core/AuditChain.cpp" line="85"/>
        <source>Event(s) seq %1 were removed: event seq %2 (%3, %4) names a predecessor that is not there.</source>
        <translation>序号为 %1 的事件已被删除：序号为 %2 的事件（%3，%4）所指向的前一事件不存在。</translation>
    </message>
    <message>
        <location filename="../app/core/AuditChain.cpp" line="94"/>
        <source>Event seq %1 (%2, %3) was changed and its hash recomputed: the next event, seq %4, names another hash as its predecessor.</source>
        <translation>序号为 %1 的事件（%2，%3）已被修改并重新计算了哈希值：下一个事件（序号 %4）记录的前一事件哈希值与之不同。</translation>
    </message>
    <message>
        <location filename="../app/core/AuditChain.cpp" line="133"/>
        <source>changed</source>
        <translation>被修改</translation>
    </message>
    <message>
        <location filename="../app/core/AuditChain.cpp" line="134"/>
        <source>removed</source>
        <translation>被删除</translation>
    </message>
    <message>
        <location filename="../app/core/AuditChain.cpp" line="135"/>
        <source>inserted</source>
        <translation>被插入</translation>
    </message>
    <message>
        <location filename="../app/core/AuditChain.cpp" line="136"/>
        <source>cut off</source>
        <translation>已截断</translation>
    </message>
    <message>
        <location filename="../app/core/AuditChain.cpp" line="137"/>
        <source>forged checkpoint</source>
        <translation>伪造的检查点</translation>
    </message>
</context>
<context>
    <name>AuditService</name>
    <message>
        <location filename="../app/services/AuditService.cpp" line="72"/>
        <source>events were cut off at the end of this workstation&apos;s chain: the hub holds its event %1, which this database no longer has (the newest here is %2)</source>
        <translation>此工作站的审计链末尾有事件被截断：中心服务器持有其事件 %1，而本数据库已没有该事件（此处最新的为 %2）</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="91"/>
        <source>the checkpoint of this chain numbered %1 (%2) is not signed by the hub&apos;s checkpoint key: it was written or changed here</source>
        <translation>该审计链编号为 %1（%2）的检查点未经中心服务器的检查点密钥签名：它是在本地写入或修改的</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="97"/>
        <source>events were cut off at the end of this workstation&apos;s chain: the hub signed at %1 that it holds the chain up to its event %2 (number %3), which this database no longer has (the newest here is %4)</source>
        <translation>此工作站的审计链末尾有事件被截断：中心服务器于 %1 签名确认其持有该审计链直至其事件 %2（编号 %3），而本数据库已没有该事件（此处最新的为 %4）</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="139"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="139"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="139"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="139"/>
        <source>Document SHA-256</source>
        <translation>文书 SHA-256</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="139"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="139"/>
        <source>Document kind</source>
        <translation>文书类型</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="140"/>
        <source>User id</source>
        <translation>用户标识</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="140"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="140"/>
        <source>Event id</source>
        <translation>事件标识</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="156"/>
        <source>Say where to write the seal register.</source>
        <translation>请指定用印登记的写入位置。</translation>
    </message>
    <message>
        <location filename="../app/services/AuditService.cpp" line="162"/>
        <source>Unable to write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>AuthService</name>
    <message>
        <location filename="../app/services/AuthService.cpp" line="30"/>
        <source>The user name or the password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/services/AuthService.cpp" line="48"/>
        <source>Too many wrong passwords. Try again in %n second(s).</source>
        <translation>
            <numerusform>密码错误次数过多，请在%n秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="73"/>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="97"/>
        <location filename="../app/services/AuthService.cpp" line="121"/>
        <source>This user account is disabled. Ask the hall administrator.</source>
        <translation>该用户账号已停用，请联系大厅系统管理员。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="205"/>
        <source>Your password was changed at another workstation or reset by the administrator. Log in with the new password.</source>
        <translation>您的密码已在其他工作站修改，或已被管理员重置。请使用新密码登录。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="211"/>
        <source>Your signing key was made at another workstation and has not reached this one yet. Connect to the hall&apos;s network, or import the latest USB bundle, and log in again.</source>
        <translation>您的签名密钥是在其他工作站生成的，尚未同步到本工作站。请连接大厅网络，或导入最新的 U 盘数据包，然后重新登录。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="263"/>
        <location filename="../app/services/AuthService.cpp" line="276"/>
        <source>The current password is wrong.</source>
        <translation>当前密码错误。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="267"/>
        <source>The new password must differ from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="291"/>
        <location filename="../app/services/AuthService.cpp" line="294"/>
        <source>The key slot could not be rewrapped.</source>
        <translation>无法重新封装密钥槽。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="376"/>
        <source>This hall&apos;s users are the hub&apos;s: reset the password at the hub (oneseal-admin hub user-reset).</source>
        <translation>本大厅的用户由中心服务器管理：请在中心服务器重置密码（oneseal-admin hub user-reset）。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="380"/>
        <source>There is no user %1.</source>
        <translation>没有用户 %1。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="382"/>
        <source>Change your own password instead (File → Change password).</source>
        <translation>请改为修改您自己的密码（文件 → 修改密码）。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="435"/>
        <source>Your password is wrong; no password was reset.</source>
        <translation>您的密码不正确；未重置任何密码。</translation>
    </message>
    <message>
        <location filename="../db/UserCreation.cpp" line="29"/>
        <source>Give the user at least one role.</source>
        <translation>请为该用户至少指定一个角色。</translation>
    </message>
    <message>
        <location filename="../db/UserCreation.cpp" line="31"/>
        <source>The user name %1 is taken.</source>
        <translation>用户名 %1 已被占用。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="391"/>
        <location filename="../db/UserCreation.cpp" line="42"/>
        <source>The keys of the new password could not be made.</source>
        <translation>无法生成新密码的密钥。</translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="350"/>
        <location filename="../app/services/AuthService.cpp" line="400"/>
        <source>The key slot could not be written.</source>
        <translation>无法写入密钥槽。</translation>
    </message>
</context>
<context>
    <name>BlobTransfer</name>
    <message>
        <location filename="../db/BlobTransfer.cpp" line="107"/>
        <source>An attached file in the bundle is damaged.</source>
        <translation>离线数据包中的附件文件已损坏。</translation>
    </message>
    <message>
        <location filename="../db/BlobTransfer.cpp" line="136"/>
        <source>A piece of an attached file is malformed.</source>
        <translation>附件文件的一个数据块格式错误。</translation>
    </message>
    <message>
        <location filename="../db/BlobTransfer.cpp" line="143"/>
        <source>A piece of file %1 arrived at byte %2; byte %3 was expected.</source>
        <translation>文件 %1 的数据块从第 %2 字节开始到达，应从第 %3 字节开始。</translation>
    </message>
    <message>
        <location filename="../db/BlobTransfer.cpp" line="174"/>
        <source>The attached file %1 arrived damaged; it will be fetched again.</source>
        <translation>附件文件 %1 到达时已损坏，将重新获取。</translation>
    </message>
</context>
<context>
    <name>Bundle</name>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="68"/>
        <source>Unable to write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="78"/>
        <source>Unable to read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="80"/>
        <location filename="../app/protocol/BundleFile.cpp" line="88"/>
        <source>%1 is too large for a bundle.</source>
        <translation>%1 过大，无法作为离线数据包。</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="90"/>
        <source>%1 is not a OneSeal bundle.</source>
        <translation>%1 不是 OneSeal 离线数据包。</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="96"/>
        <source>%1 is damaged or of an unknown format.</source>
        <translation>%1 已损坏或格式未知。</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="98"/>
        <source>%1 has %2 bytes after the end of the bundle: it was changed or damaged.</source>
        <translation>%1 在离线数据包结尾之后还有 %2 字节：文件已被改动或损坏。</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="107"/>
        <source>This bundle is for a workstation, not for the hub.</source>
        <translation>该离线数据包是发给工作站的，不是发给中心服务器的。</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="108"/>
        <source>This bundle is for the hub, not for a workstation.</source>
        <translation>该离线数据包是发给中心服务器的，不是发给工作站的。</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="111"/>
        <source>The bundle&apos;s signature is not valid: it was changed or damaged.</source>
        <translation>离线数据包的签名无效：数据包已被修改或损坏。</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="119"/>
        <source>The bundle cannot be decrypted with this key: it is not for us.</source>
        <translation>无法用本机密钥解密该离线数据包：该数据包不是发给本机的。</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="123"/>
        <source>The bundle&apos;s content is damaged.</source>
        <translation>离线数据包的内容已损坏。</translation>
    </message>
    <message>
        <location filename="../app/sync/Bundle.cpp" line="28"/>
        <source>This workstation is not enrolled at a hub; enroll it once (by network) first.</source>
        <translation>本工作站尚未在中心服务器注册；请先（通过网络）注册一次。</translation>
    </message>
    <message>
        <location filename="../app/sync/Bundle.cpp" line="44"/>
        <source>The hub&apos;s certificate is missing; enroll this workstation again.</source>
        <translation>缺少中心服务器的数字证书；请重新注册本工作站。</translation>
    </message>
    <message>
        <location filename="../app/protocol/BundleFile.cpp" line="50"/>
        <source>The bundle could not be sealed.</source>
        <translation>无法对离线数据包签名加密。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBundle.cpp" line="34"/>
        <source>The bundle&apos;s sender is refused: %1</source>
        <translation>离线数据包的发送方被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBundle.cpp" line="35"/>
        <source>wrong workstation</source>
        <translation>工作站不符</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBundle.cpp" line="75"/>
        <source>No workstation %1 is enrolled at this hub.</source>
        <translation>本中心服务器上没有已注册的工作站 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBundle.cpp" line="77"/>
        <source>Workstation %1 is revoked.</source>
        <translation>工作站 %1 已被吊销。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBundle.cpp" line="80"/>
        <source>The certificate of workstation %1 cannot be read.</source>
        <translation>无法读取工作站 %1 的数字证书。</translation>
    </message>
    <message>
        <location filename="../app/sync/Bundle.cpp" line="59"/>
        <source>This workstation is not enrolled at a hub.</source>
        <translation>本工作站尚未在中心服务器注册。</translation>
    </message>
    <message>
        <location filename="../app/sync/Bundle.cpp" line="66"/>
        <source>This bundle is for workstation %1.</source>
        <translation>该离线数据包是发给工作站 %1 的。</translation>
    </message>
    <message>
        <location filename="../app/sync/Bundle.cpp" line="68"/>
        <source>This bundle was not made by this hall&apos;s hub.</source>
        <translation>该离线数据包不是由本大厅中心服务器生成的。</translation>
    </message>
    <message>
        <location filename="../app/sync/Bundle.cpp" line="80"/>
        <source>This bundle starts after event %1, but this workstation has events up to %2 only; import the bundles in order or ask the hub for a new one.</source>
        <translation>该离线数据包从事件 %1 之后开始，但本工作站仅有截至事件 %2 的数据；请按顺序导入离线数据包，或向中心服务器索取新的数据包。</translation>
    </message>
    <message>
        <location filename="../app/sync/Bundle.cpp" line="112"/>
        <source>This bundle holds a chain checkpoint the hub did not sign.</source>
        <translation>该离线数据包含有未经中心服务器签名的审计链检查点。</translation>
    </message>
</context>
<context>
    <name>BundleTransfer</name>
    <message>
        <location filename="../app/sync/BundleTransfer.cpp" line="23"/>
        <source>Choose where to write the bundle.</source>
        <translation>请选择离线数据包的写入位置。</translation>
    </message>
</context>
<context>
    <name>Calibration</name>
    <message>
        <location filename="../app/print/Calibration.cpp" line="18"/>
        <source>The calibration holds a value that is not a number.</source>
        <translation>校准数据中含有非数字的值。</translation>
    </message>
    <message>
        <location filename="../app/print/Calibration.cpp" line="23"/>
        <source>An offset of %1 mm, %2 mm is more than %3 mm: check the measurements and the paper.</source>
        <translation>偏移量 %1 毫米、%2 毫米超过了 %3 毫米：请检查测量值和纸张。</translation>
    </message>
    <message>
        <location filename="../app/print/Calibration.cpp" line="31"/>
        <source>A scale of %1 is outside %2 to %3: check the measurements and the printer&apos;s &quot;fit to page&quot; setting.</source>
        <translation>缩放比例 %1 不在 %2 至 %3 的范围内：请检查测量值以及打印机的“适合页面大小”设置。</translation>
    </message>
    <message>
        <location filename="../app/print/Calibration.cpp" line="46"/>
        <source>Measure at least one cross of the alignment page.</source>
        <translation>请至少测量对位校准页上的一个十字。</translation>
    </message>
    <message>
        <location filename="../app/print/Calibration.cpp" line="69"/>
        <source>The measured crosses are too close together to find the scale; use crosses at least 10 cm apart.</source>
        <translation>所测量的十字相距太近，无法算出缩放比例；请选用相距至少 10 厘米的十字。</translation>
    </message>
    <message>
        <location filename="../app/print/Calibration.cpp" line="77"/>
        <source>The measurements contradict each other; measure again.</source>
        <translation>测量值相互矛盾，请重新测量。</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="6"/>
        <source>Printer calibration</source>
        <translation>打印机校准</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="18"/>
        <source>&amp;Printer:</source>
        <translation>打印机(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="27"/>
        <source>&amp;Template:</source>
        <translation>模板(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="36"/>
        <source>Saved correction:</source>
        <translation>已保存的校正值：</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="51"/>
        <source>Print the alignment pa&amp;ge…</source>
        <translation>打印对位校准页(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="62"/>
        <source>Where the crosses landed on the paper (millimetres from its left and top edges)</source>
        <translation>十字在纸上的实际位置（距纸张左边缘和上边缘的毫米数）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="66"/>
        <source>Should be at</source>
        <translation>应在位置</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="71"/>
        <source>Measured from the left</source>
        <translation>距左边缘实测值</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="76"/>
        <source>Measured from the top</source>
        <translation>距上边缘实测值</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="81"/>
        <source>Cross &amp;A:</source>
        <translation>十字 A(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="91"/>
        <source>Cross A, measured from the left edge (mm)</source>
        <translation>十字 A 距左边缘的实测值（毫米）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="97"/>
        <source>Cross A, measured from the top edge (mm)</source>
        <translation>十字 A 距上边缘的实测值（毫米）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="102"/>
        <source>Cross &amp;B:</source>
        <translation>十字 B(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="112"/>
        <source>Cross B, measured from the left edge (mm)</source>
        <translation>十字 B 距左边缘的实测值（毫米）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="118"/>
        <source>Cross B, measured from the top edge (mm)</source>
        <translation>十字 B 距上边缘的实测值（毫米）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="123"/>
        <source>Cross &amp;C:</source>
        <translation>十字 C(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="133"/>
        <source>Cross C, measured from the left edge (mm)</source>
        <translation>十字 C 距左边缘的实测值（毫米）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="139"/>
        <source>Cross C, measured from the top edge (mm)</source>
        <translation>十字 C 距上边缘的实测值（毫米）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="144"/>
        <source>Cross &amp;D:</source>
        <translation>十字 D(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="154"/>
        <source>Cross D, measured from the left edge (mm)</source>
        <translation>十字 D 距左边缘的实测值（毫米）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="160"/>
        <source>Cross D, measured from the top edge (mm)</source>
        <translation>十字 D 距上边缘的实测值（毫米）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="165"/>
        <source>Cross &amp;E:</source>
        <translation>十字 E(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="175"/>
        <source>Cross E, measured from the left edge (mm)</source>
        <translation>十字 E 距左边缘的实测值（毫米）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="181"/>
        <source>Cross E, measured from the top edge (mm)</source>
        <translation>十字 E 距上边缘的实测值（毫米）</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="187"/>
        <source>One cross corrects the offset; two or more far apart (A and D) also the scale. Leave the crosses you did not measure empty.</source>
        <translation>测量一个十字可校正偏移；测量两个或以上相距较远的十字（如 A 和 D）还可校正缩放比例。未测量的十字请留空。</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="197"/>
        <source>Calc&amp;ulate</source>
        <translation>计算(&amp;U)</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="213"/>
        <source>&amp;Save the correction</source>
        <translation>保存校正值(&amp;S)</translation>
    </message>
    <message>
        <location filename="../forms/CalibrationDialog.ui" line="219"/>
        <source>&amp;Reset to zero</source>
        <translation>归零(&amp;R)</translation>
    </message>
</context>
<context>
    <name>CalibrationRepository</name>
    <message>
        <location filename="../db/CalibrationRepository.cpp" line="47"/>
        <source>Choose the printer the calibration is for.</source>
        <translation>请选择该校准所对应的打印机。</translation>
    </message>
    <message>
        <location filename="../db/CalibrationRepository.cpp" line="49"/>
        <source>Choose the certificate template the calibration is for.</source>
        <translation>请选择该校准所对应的证照模板。</translation>
    </message>
    <message>
        <location filename="../db/CalibrationRepository.cpp" line="51"/>
        <source>The printer or template name is longer than %1 characters.</source>
        <translation>打印机或模板名称超过 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../db/CalibrationRepository.cpp" line="54"/>
        <source>An offset of %1 mm, %2 mm is more than %3 mm; the calibration was not saved.</source>
        <translation>偏移量 %1 毫米、%2 毫米超过了 %3 毫米，校准未保存。</translation>
    </message>
    <message>
        <location filename="../db/CalibrationRepository.cpp" line="59"/>
        <source>A scale of %1 is outside %2 to %3; the calibration was not saved.</source>
        <translation>缩放比例 %1 不在 %2 至 %3 的范围内，校准未保存。</translation>
    </message>
    <message>
        <location filename="../db/CalibrationRepository.cpp" line="78"/>
        <source>Unable to save the calibration: %1</source>
        <translation>无法保存校准：%1</translation>
    </message>
    <message>
        <location filename="../db/CalibrationRepository.cpp" line="93"/>
        <location filename="../db/CalibrationRepository.cpp" line="109"/>
        <source>Unable to read the calibrations: %1</source>
        <translation>无法读取校准数据：%1</translation>
    </message>
    <message>
        <location filename="../db/CalibrationRepository.cpp" line="125"/>
        <source>Unable to remove the calibration: %1</source>
        <translation>无法删除校准：%1</translation>
    </message>
</context>
<context>
    <name>CalibrationService</name>
    <message>
        <location filename="../app/services/CalibrationService.cpp" line="19"/>
        <source>Only a certificate operator or an administrator may calibrate printers.</source>
        <translation>只有制证发证人员或系统管理员才能校准打印机。</translation>
    </message>
</context>
<context>
    <name>CaseCertificate</name>
    <message>
        <location filename="../app/print/CaseCertificate.cpp" line="27"/>
        <source>The case&apos;s matter is not in the catalog; its certificate cannot be made.</source>
        <translation>该办件的事项不在事项目录中，无法制作其证照。</translation>
    </message>
    <message>
        <location filename="../app/print/CaseCertificate.cpp" line="33"/>
        <source>No certificate template fits the result &quot;%1&quot;.</source>
        <translation>没有与办理结果“%1”相符的证照模板。</translation>
    </message>
</context>
<context>
    <name>CaseLifeService</name>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="33"/>
        <source>Only intake clerks, approvers and supervisors see the owed materials.</source>
        <translation>只有窗口人员、审批人员和主管可以查看容缺材料。</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="35"/>
        <source>That is not an identity number.</source>
        <translation>这不是有效的身份证号码。</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="57"/>
        <source>Only inspectors, regulators and supervisors see the checks of pledges.</source>
        <translation>只有核查人员、监管人员和主管可以查看告知承诺的核查情况。</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="73"/>
        <source>Only approvers and supervisors see the pledges found false.</source>
        <translation>只有审批人员和主管可以查看经核查不实的告知承诺。</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="97"/>
        <source>reasons for stopping the clock</source>
        <translation>暂停计时的原因</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="111"/>
        <location filename="../app/services/CaseLifeService.cpp" line="205"/>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="133"/>
        <source>An extension is 1 to %1 working days (at most %2 in all, Administrative Licensing Law art. 42).</source>
        <translation>延期为1至%1个工作日（合计不超过%2个工作日，《行政许可法》第四十二条）。</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="137"/>
        <source>reasons for the extension</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="179"/>
        <source>reasons for terminating the case</source>
        <translation>终止办理的理由</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="195"/>
        <source>reasons for the revocation</source>
        <translation>撤销的理由</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="217"/>
        <source>The rectification deadline must be after today and within a year.</source>
        <translation>整改期限须晚于今天，且不超过一年。</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="218"/>
        <source>what to rectify</source>
        <translation>整改内容</translation>
    </message>
    <message>
        <location filename="../app/services/CaseLifeService.cpp" line="228"/>
        <source>findings</source>
        <translation>核查结论</translation>
    </message>
</context>
<context>
    <name>CaseLookupWidget</name>
    <message>
        <location filename="../forms/CaseLookupWidget.ui" line="10"/>
        <source>Find a &amp;case:</source>
        <translation>查找办件(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../forms/CaseLookupWidget.ui" line="16"/>
        <source>case number, applicant&apos;s ID number or name</source>
        <translation>办件编号、申请人证件号码或姓名</translation>
    </message>
    <message>
        <location filename="../forms/CaseLookupWidget.ui" line="23"/>
        <source>My cases &amp;today</source>
        <translation>我今日受理的办件(&amp;T)</translation>
    </message>
    <message>
        <location filename="../forms/CaseLookupWidget.ui" line="51"/>
        <source>&amp;Print the notice again…</source>
        <translation>重新打印通知书(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>CaseStatus</name>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="61"/>
        <source>open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="62"/>
        <source>accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="64"/>
        <source>awaiting materials (one-time notice)</source>
        <translation>待补正材料（一次性告知）</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="65"/>
        <source>refused</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="66"/>
        <source>completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="67"/>
        <source>reviewed</source>
        <translation>已审查</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="68"/>
        <source>correction requested</source>
        <translation>已要求补正</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="69"/>
        <source>refusal proposed</source>
        <translation>已建议不予许可</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="70"/>
        <source>inspection scheduled</source>
        <translation>已安排勘验</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="71"/>
        <source>inspected</source>
        <translation>已勘验</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="72"/>
        <source>inspection failed</source>
        <translation>勘验不合格</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="73"/>
        <source>rectification (clock stopped)</source>
        <translation>整改中（暂停计时）</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="74"/>
        <source>approved</source>
        <translation>已审批</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="75"/>
        <source>certificate printed</source>
        <translation>已制证</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="76"/>
        <source>in conflict (a supervisor decides)</source>
        <translation>存在冲突（由监督人员裁定）</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="77"/>
        <source>terminated (owed material not supplied)</source>
        <translation>已终止办理（未补交容缺材料）</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="78"/>
        <source>approval revoked</source>
        <translation>已撤销行政许可</translation>
    </message>
    <message>
        <location filename="../app/core/CaseStatus.cpp" line="81"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>CaseSteps</name>
    <message>
        <location filename="../app/services/CaseSteps.cpp" line="26"/>
        <source>There is no case with the id &quot;%1&quot;.</source>
        <translation>不存在标识为“%1”的办件。</translation>
    </message>
    <message>
        <location filename="../app/services/CaseSteps.cpp" line="82"/>
        <source>file name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../app/services/CaseSteps.cpp" line="85"/>
        <source>The file %1 is empty.</source>
        <translation>文件 %1 为空。</translation>
    </message>
    <message>
        <location filename="../app/services/CaseSteps.cpp" line="87"/>
        <source>The file %1 is larger than 50 MB; shorten the video or lower the resolution.</source>
        <translation>文件 %1 超过 50 MB，请缩短视频或降低分辨率。</translation>
    </message>
    <message>
        <location filename="../app/services/CaseSteps.cpp" line="90"/>
        <source>The file %1 is neither a photo, a video nor a PDF.</source>
        <translation>文件 %1 既不是照片、视频，也不是 PDF。</translation>
    </message>
    <message>
        <location filename="../app/services/CaseSteps.cpp" line="91"/>
        <source>The file %1 is neither a photo nor a video.</source>
        <translation>文件 %1 既不是照片，也不是视频。</translation>
    </message>
</context>
<context>
    <name>CaseSummary</name>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="24"/>
        <source>%1 (uncertain: %2)</source>
        <translation>%1（不确定：%2）</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="31"/>
        <source>&lt;p&gt;Applicant: %1 (%2)&lt;/p&gt;</source>
        <translation>&lt;p&gt;申请人：%1（%2）&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="32"/>
        <source>&lt;p&gt;Status: &lt;b&gt;%1&lt;/b&gt; · accepted %2 by %3 · promised by &lt;b&gt;%4&lt;/b&gt; · legal limit %5%6&lt;/p&gt;</source>
        <translation>&lt;p&gt;状态：&lt;b&gt;%1&lt;/b&gt; · %2 由 %3 受理 · 承诺办结日期 &lt;b&gt;%4&lt;/b&gt; · 法定办结期限 %5%6&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="35"/>
        <source> · &lt;b&gt;clock stopped&lt;/b&gt;</source>
        <translation> · &lt;b&gt;暂停计时&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="37"/>
        <source>&lt;p&gt;Correction asked: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;要求补正：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="39"/>
        <source>&lt;p&gt;Refusal proposed: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;建议不予许可：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="41"/>
        <source>&lt;p&gt;Site visit %1 by %2 (%3 case(s)): %4 %5&lt;/p&gt;</source>
        <translation>&lt;p&gt;现场勘验 %1，勘验人员 %2（共%3个办件）：%4 %5&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="11"/>
        <source>scheduled</source>
        <translation>已安排</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="13"/>
        <source>passed</source>
        <comment>site visit result</comment>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="15"/>
        <source>failed</source>
        <comment>site visit result</comment>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="17"/>
        <source>rectification required</source>
        <comment>site visit result</comment>
        <translation>需整改</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="47"/>
        <source>&lt;p&gt;Matters:&lt;/p&gt;</source>
        <translation>&lt;p&gt;事项：&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="50"/>
        <source>&lt;li&gt;%1 · promised by %2 · legal limit %3 (%4 working days) · %5 · seals: %6%7&lt;/li&gt;</source>
        <translation>&lt;li&gt;%1 · 承诺办结日期 %2 · 法定办结期限 %3（%4 个工作日）· %5 · 用印：%6%7&lt;/li&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="54"/>
        <source>not decided</source>
        <translation>未决定</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="56"/>
        <source> · certificate %1 (%2)</source>
        <translation> · 证照 %1（%2）</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="62"/>
        <source>&lt;p&gt;Decision: %1 · seals applied: %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;审批决定：%1 · 已用印%2次&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="64"/>
        <source>&lt;p&gt;Certificate %1: %2, reprinted %3 time(s)&lt;/p&gt;</source>
        <translation>&lt;p&gt;证照 %1：%2，已重打%3次&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="56"/>
        <location filename="../app/ui/CaseSummary.cpp" line="65"/>
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="56"/>
        <location filename="../app/ui/CaseSummary.cpp" line="65"/>
        <source>numbered</source>
        <translation>已取号</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseSummary.cpp" line="71"/>
        <source> (core, owed)</source>
        <translation>（核心材料，待补交）</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../app/core/CatalogJsonScanner.cpp" line="58"/>
        <source>this field is given twice in the same object.</source>
        <translation>该字段在同一对象中出现了两次。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="33"/>
        <source>unknown field &quot;%1&quot;; the fields allowed here are: %2.</source>
        <translation>未知字段“%1”；此处允许的字段为：%2。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="42"/>
        <source>the required field &quot;%1&quot; is missing.</source>
        <translation>缺少必填字段“%1”。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="54"/>
        <location filename="../app/core/CatalogReader.cpp" line="112"/>
        <location filename="../app/core/CatalogReader.cpp" line="258"/>
        <source>must be text in double quotes.</source>
        <translation>必须是用双引号括起的文本。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="66"/>
        <source>must be a number.</source>
        <translation>必须是数字。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="79"/>
        <source>must be a whole number.</source>
        <translation>必须是整数。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="91"/>
        <source>must be true or false.</source>
        <translation>必须是 true 或 false。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="103"/>
        <source>must be a list of texts in square brackets.</source>
        <translation>必须是用方括号括起的文本列表。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="123"/>
        <source>must be a list in square brackets.</source>
        <translation>必须是用方括号括起的列表。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="143"/>
        <location filename="../app/core/CatalogValidator.cpp" line="121"/>
        <source>unknown value &quot;%1&quot;; expected one of: %2.</source>
        <translation>未知取值“%1”；应为以下之一：%2。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="211"/>
        <source>each material must be an object in braces { }.</source>
        <translation>每项材料必须是用花括号 { } 括起的对象。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="220"/>
        <source>each declared field must be an object in braces { }.</source>
        <translation>每个申报字段必须是花括号 { } 括起的对象。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="249"/>
        <source>must be a list of matter codes in square brackets.</source>
        <translation>必须是用方括号括起的事项编码列表。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="277"/>
        <source>&quot;%1&quot; is not a date written as YYYY-MM-DD.</source>
        <translation>“%1”不是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="284"/>
        <source>each matter must be an object in braces { }.</source>
        <translation>每个事项必须是用花括号 { } 括起的对象。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="292"/>
        <source>each bundle must be an object in braces { }.</source>
        <translation>每个“一件事”套餐必须是用花括号 { } 括起的对象。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="22"/>
        <source>must not be empty.</source>
        <translation>不能为空。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="26"/>
        <source>is %1 characters long; at most %2 are allowed.</source>
        <translation>长度为%1个字符，最多允许%2个。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="34"/>
        <source>contains the control character U+%1; remove it.</source>
        <translation>含有控制字符 U+%1，请删除。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="39"/>
        <source>a code may not contain spaces.</source>
        <translation>编码不能包含空格。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="55"/>
        <source>a time limit cannot be negative.</source>
        <translation>时限不能为负数。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="59"/>
        <source>%1 working days is not a plausible time limit (at most %2).</source>
        <translation>%1个工作日不是合理的时限（最多%2个工作日）。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="65"/>
        <source>time limits are counted in whole or half working days; %1 is neither.</source>
        <translation>时限以整个或半个工作日计算，%1既非整日也非半日。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="76"/>
        <source>holds the unknown value %1.</source>
        <translation>包含未知取值 %1。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="92"/>
        <source>%1 copies is not plausible (0 to 99).</source>
        <translation>%1份不是合理的份数（应为0至99份）。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="95"/>
        <source>a paper original or copy needs at least one copy.</source>
        <translation>纸质原件或复印件至少需要一份。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="97"/>
        <source>the order cannot be negative.</source>
        <translation>排列顺序不能为负数。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="100"/>
        <source>the material &quot;%1&quot; is deferrable, but the matter %2 does not allow deferred materials (容缺); set &quot;deferralAllowed&quot;: true or make it required.</source>
        <translation>材料“%1”设为可容缺，但事项 %2 不允许容缺受理；请设置 &quot;deferralAllowed&quot;: true，或将该材料设为必要材料。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="125"/>
        <source>the later check of a pledge must be due within 1 to %1 working days, not %2.</source>
        <translation>告知承诺的事后核查期限须为1至%1个工作日，而不是%2个工作日。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="130"/>
        <source>only a matter with &quot;commitmentAllowed&quot;: true has pledges to check later.</source>
        <translation>只有设置 &quot;commitmentAllowed&quot;: true 的事项才有需要事后核查的告知承诺。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="139"/>
        <source>a declared field&apos;s key is a certificate field name of at most %1 letters, digits or underscores, starting with a letter.</source>
        <translation>申报字段的键是证照字段名，最多 %1 个字母、数字或下划线，并以字母开头。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="144"/>
        <source>the key &quot;%1&quot; is declared twice for this matter.</source>
        <translation>本事项重复申报了键“%1”。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="149"/>
        <source>a declared field needs at least one allowed value.</source>
        <translation>申报字段至少需要一个可选值。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="153"/>
        <source>each allowed value must be given once, not empty and at most %1 characters.</source>
        <translation>每个可选值只能出现一次，不能为空，且不超过 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="161"/>
        <source>only a matter with &quot;deferralAllowed&quot;: true has owed materials that can lapse.</source>
        <translation>只有设置 &quot;deferralAllowed&quot;: true 的事项才有可能逾期的容缺材料。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="164"/>
        <source>%1 visits is not plausible (0 to 10).</source>
        <translation>到现场%1次不合理（应为0至10次）。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="172"/>
        <source>the matter %1 promises %2 working days, longer than its legal limit of %3; the promised limit may not exceed the legal one.</source>
        <translation>事项 %1 的承诺时限为%2个工作日，超过其法定时限%3个工作日；承诺时限不得超过法定时限。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="178"/>
        <source>an instant matter (即办件) is finished on the spot: its promised limit must be 0.</source>
        <translation>即办件须当场办结，其承诺时限必须为0。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="181"/>
        <source>a promised matter (承诺件) needs a promised limit above 0; otherwise mark it &quot;instant&quot;: true.</source>
        <translation>承诺件的承诺时限必须大于0；否则请将其设为 &quot;instant&quot;: true。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="192"/>
        <source>the material code %1 appears twice in the matter %2.</source>
        <translation>材料编码 %1 在事项 %2 中出现了两次。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="209"/>
        <source>the bundle code %1 is used twice.</source>
        <translation>“一件事”套餐编码 %1 被重复使用。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="212"/>
        <source>the code %1 is used by a matter and by a bundle.</source>
        <translation>编码 %1 同时被事项和“一件事”套餐使用。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="217"/>
        <source>the bundle %1 contains no matter.</source>
        <translation>“一件事”套餐 %1 未包含任何事项。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="223"/>
        <source>the bundle %1 refers to the matter %2, which is not in the catalog.</source>
        <translation>“一件事”套餐 %1 引用了事项 %2，但该事项不在事项目录中。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="226"/>
        <source>the bundle %1 lists the matter %2 twice.</source>
        <translation>“一件事”套餐 %1 重复列出了事项 %2。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="235"/>
        <source>the bundle %1 includes the bundle %2, which is not in the catalog.</source>
        <translation>“一件事”套餐 %1 包含了套餐 %2，但该套餐不在事项目录中。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="257"/>
        <source>the bundles include each other in a cycle: %1.</source>
        <translation>“一件事”套餐之间存在循环包含：%1。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="279"/>
        <source>the bundle %1 names the matter %2 as a precondition, but the matter is not in the bundle.</source>
        <translation>“一件事”%1 将事项 %2 列为前置条件，但该事项不在此“一件事”中。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="283"/>
        <source>the bundle %1 names the precondition %2 twice.</source>
        <translation>“一件事”%1 两次列出前置条件 %2。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="292"/>
        <source>a combined inspection of the bundle %1 must name two or more matters.</source>
        <translation>“一件事”套餐 %1 的合并勘验必须列出两个或以上事项。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="297"/>
        <source>the bundle %1 combines the inspection of %2, which is not in the bundle.</source>
        <translation>“一件事”套餐 %1 合并勘验了事项 %2，但该事项不在此套餐中。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="300"/>
        <source>the bundle %1 combines the inspection of %2, which needs no site inspection.</source>
        <translation>“一件事”套餐 %1 合并勘验了事项 %2，但该事项无需现场勘验。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="304"/>
        <source>the bundle %1 names %2 in more than one combined inspection.</source>
        <translation>“一件事”套餐 %1 在多个合并勘验中列出了 %2。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="318"/>
        <source>the version must be a whole number from 1 up.</source>
        <translation>版本号必须是从1起的整数。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="320"/>
        <source>the date from which the catalog applies is missing.</source>
        <translation>缺少事项目录的生效日期。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="332"/>
        <source>the matter code %1 is used twice (also by matters[%2]).</source>
        <translation>事项编码 %1 被重复使用（matters[%2] 也使用了该编码）。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="340"/>
        <source>the implementation code %1 is used twice (also by matters[%2]).</source>
        <translation>实施编码 %1 被重复使用（matters[%2] 也使用了该编码）。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogValidator.cpp" line="353"/>
        <source>the material code %1 is named &quot;%2&quot; here but &quot;%3&quot; elsewhere; one code must mean one material.</source>
        <translation>材料编码 %1 在此处名为“%2”，在别处却名为“%3”；同一编码只能对应同一种材料。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogProblem.cpp" line="32"/>
        <source>catalog</source>
        <translation>事项目录</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogProblem.cpp" line="34"/>
        <source>Line %1, %2: %3</source>
        <translation>第%1行，%2：%3</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogProblem.cpp" line="36"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/CatalogProblem.cpp" line="39"/>
        <source>… and %n more problem(s).</source>
        <translation>
            <numerusform>……另有%n个问题。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="311"/>
        <source>The catalog file is empty.</source>
        <translation>事项目录文件为空。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="321"/>
        <source>Line %1, column %2: the catalog is not valid JSON (%3).</source>
        <translation>第%1行第%2列：事项目录不是有效的 JSON（%3）。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="329"/>
        <source>Line 1: the catalog must be a JSON object in braces { }.</source>
        <translation>第1行：事项目录必须是用花括号 { } 括起的 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogReader.cpp" line="351"/>
        <source>The built-in demonstration catalog is missing from this build.</source>
        <translation>此版本程序缺少内置的演示事项目录。</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="10"/>
        <source>Administrative licensing</source>
        <translation>行政许可</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="11"/>
        <source>Administrative penalty</source>
        <translation>行政处罚</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="12"/>
        <source>Administrative enforcement</source>
        <translation>行政强制</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="13"/>
        <source>Administrative levy</source>
        <translation>行政征收</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="14"/>
        <source>Administrative benefit</source>
        <translation>行政给付</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="15"/>
        <source>Administrative inspection</source>
        <translation>行政检查</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="16"/>
        <source>Administrative confirmation</source>
        <translation>行政确认</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="17"/>
        <source>Administrative award</source>
        <translation>行政奖励</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="18"/>
        <source>Administrative adjudication</source>
        <translation>行政裁决</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="19"/>
        <source>Other administrative power</source>
        <translation>其他行政权力</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="20"/>
        <source>Public service</source>
        <translation>公共服务</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="28"/>
        <source>Investment project zone</source>
        <translation>投资项目专区</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="29"/>
        <source>Market access zone</source>
        <translation>市场准入专区</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="30"/>
        <source>Social livelihood zone</source>
        <translation>社会民生专区</translation>
    </message>
    <message>
        <location filename="../app/core/RiskLevel.cpp" line="36"/>
        <source>High risk</source>
        <translation>高风险</translation>
    </message>
    <message>
        <location filename="../app/core/RiskLevel.cpp" line="37"/>
        <source>Medium risk</source>
        <translation>中风险</translation>
    </message>
    <message>
        <location filename="../app/core/RiskLevel.cpp" line="38"/>
        <source>Low risk</source>
        <translation>低风险</translation>
    </message>
    <message>
        <location filename="../app/core/RiskLevel.cpp" line="41"/>
        <source>Unknown risk</source>
        <translation>未知风险等级</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="38"/>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="39"/>
        <source>Copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="40"/>
        <source>Electronic</source>
        <translation>电子件</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="48"/>
        <source>Required</source>
        <translation>必要</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="49"/>
        <source>Optional</source>
        <translation>非必要</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="50"/>
        <source>Deferrable</source>
        <translation>可容缺</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="58"/>
        <source>Brought by the applicant</source>
        <translation>申请人自备</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="59"/>
        <source>Issued by a government body</source>
        <translation>政府部门核发</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="60"/>
        <source>Obtained from shared data</source>
        <translation>通过数据共享获取</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="68"/>
        <source>Licence</source>
        <translation>证照</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="70"/>
        <source>Approval document</source>
        <translation>批准文件</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="72"/>
        <source>Filing notice</source>
        <translation>备案通知书</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="74"/>
        <source>Certificate of confirmation</source>
        <translation>确认证明</translation>
    </message>
    <message>
        <location filename="../app/core/CatalogNames.cpp" line="76"/>
        <source>Other result</source>
        <translation>其他结果</translation>
    </message>
</context>
<context>
    <name>CatalogRepository</name>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="38"/>
        <source>The catalog was not imported because it is inconsistent:
%1</source>
        <translation>事项目录存在不一致之处，未导入：
%1</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="44"/>
        <source>Unable to start the catalog import: %1</source>
        <translation>无法开始导入事项目录：%1</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="51"/>
        <source>Unable to read the catalog versions: %1</source>
        <translation>无法读取事项目录版本：%1</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="59"/>
        <source>Catalog version %1 was not imported: version %2 is already stored, and a new catalog must carry a higher version number.</source>
        <translation>事项目录版本 %1 未导入：已存有版本 %2，新的事项目录必须使用更高的版本号。</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="67"/>
        <source>Catalog version %1 was not imported: it would apply from %2, before version %3 (from %4).</source>
        <translation>事项目录版本 %1 未导入：其生效日期 %2 早于版本 %3 的生效日期（%4）。</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="82"/>
        <source>Catalog version %1 was not imported (%2): %3</source>
        <translation>事项目录版本 %1 未导入（%2）：%3</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="93"/>
        <source>version</source>
        <translation>版本记录</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="110"/>
        <source>matter %1</source>
        <translation>事项 %1</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="116"/>
        <source>material %1 of matter %2</source>
        <translation>事项 %2 的材料 %1</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="126"/>
        <location filename="../db/CatalogRepository.cpp" line="130"/>
        <source>bundle %1</source>
        <translation>“一件事”套餐 %1</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="133"/>
        <source>commit</source>
        <translation>提交事务</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="148"/>
        <source>Unable to read the catalog: %1</source>
        <translation>无法读取事项目录：%1</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="157"/>
        <source>The stored catalog version %1 is damaged.</source>
        <translation>已存储的事项目录版本 %1 已损坏。</translation>
    </message>
    <message>
        <location filename="../db/CatalogRepository.cpp" line="163"/>
        <source>The stored catalog version %1 cannot be read: %2</source>
        <translation>无法读取已存储的事项目录版本 %1：%2</translation>
    </message>
</context>
<context>
    <name>CatalogService</name>
    <message>
        <location filename="../app/services/CatalogService.cpp" line="31"/>
        <source>There is no catalog version %1.</source>
        <translation>不存在事项目录版本 %1。</translation>
    </message>
    <message>
        <location filename="../app/services/CatalogService.cpp" line="32"/>
        <source>No catalog is loaded at this hall.</source>
        <translation>本大厅尚未加载事项目录。</translation>
    </message>
</context>
<context>
    <name>CertificateBatch</name>
    <message>
        <location filename="../app/print/CertificateBatch.cpp" line="22"/>
        <source>There is no certificate to print.</source>
        <translation>没有需要打印的证照。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateBatch.cpp" line="28"/>
        <source>Certificate %1 of the batch cannot be printed:
%2</source>
        <translation>本批次中的证照 %1 无法打印：
%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/print/CertificateBatch.cpp" line="36"/>
        <source>Certificates (%n)</source>
        <translation>
            <numerusform>证照（%n 张）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/print/CertificateBatch.cpp" line="39"/>
        <source>The printer %1 is not ready.</source>
        <translation>打印机 %1 未就绪。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateBatch.cpp" line="40"/>
        <source>Cannot write to %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateBatch.cpp" line="49"/>
        <source>The printer stopped after certificate %1 of %2.</source>
        <translation>打印机在打印第 %1 张证照（共 %2 张）后停止。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateBatch.cpp" line="60"/>
        <source>The printer did not accept the certificates.</source>
        <translation>打印机未接受证照。</translation>
    </message>
</context>
<context>
    <name>CertificatePayload</name>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="39"/>
        <source>format version</source>
        <translation>格式版本</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="40"/>
        <source>serial</source>
        <translation>证照编号</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="41"/>
        <source>matter code</source>
        <translation>事项编码</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="42"/>
        <source>holder name</source>
        <translation>持证人姓名</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="43"/>
        <source>holder ID</source>
        <translation>持证人证件号码</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="44"/>
        <source>issue date</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="45"/>
        <source>valid-until date</source>
        <translation>有效期截止日期</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="46"/>
        <source>document hash</source>
        <translation>文档哈希值</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="47"/>
        <source>key id</source>
        <translation>密钥标识</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="48"/>
        <source>item %1</source>
        <translation>第 %1 项</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="65"/>
        <source>The %1 is empty.</source>
        <translation>%1为空。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="68"/>
        <source>The %1 has %2 characters; at most %3 fit in the QR code.</source>
        <translation>%1有 %2 个字符，二维码中最多只能容纳 %3 个。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="78"/>
        <source>The issue date is missing or not a date.</source>
        <translation>发证日期缺失或不是有效日期。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="81"/>
        <source>The certificate would end on %1, before it is issued on %2.</source>
        <translation>证照有效期将于 %1 截止，早于发证日期 %2。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="85"/>
        <source>The document hash has %1 bytes instead of %2.</source>
        <translation>文档哈希值为 %1 字节，而应为 %2 字节。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="109"/>
        <source>The seal key has no private half; a certificate cannot be signed with it.</source>
        <translation>该印章签名密钥不含私钥部分，无法用于证照签名。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="117"/>
        <source>OpenSSL could not sign the certificate.</source>
        <translation>OpenSSL 无法对证照签名。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="128"/>
        <source>The payload is empty.</source>
        <translation>二维码内容为空。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="133"/>
        <source>The payload has %1 characters; no certificate payload is longer than %2.</source>
        <translation>二维码内容有 %1 个字符；证照二维码内容的长度不会超过 %2。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="143"/>
        <source>The payload is in format version %1; this program reads version 1 (&quot;OS1:&quot;).</source>
        <translation>二维码内容的格式版本为 %1；本程序只能读取版本 1（“OS1:”）。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="146"/>
        <source>The text does not start with &quot;OS1:&quot;, so it is not a OneSeal certificate payload.</source>
        <translation>该文本不以“OS1:”开头，因此不是 OneSeal 证照二维码内容。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="154"/>
        <source>The payload holds %1 bytes, too few for the fields and a %2-byte signature.</source>
        <translation>二维码内容只有 %1 字节，不足以容纳各字段及 %2 字节的签名。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="168"/>
        <source>The fields are not valid CBOR (%1 at byte %2).</source>
        <translation>字段不是有效的 CBOR（第 %2 字节处：%1）。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="173"/>
        <source>The fields end at byte %1, but the signature should start at byte %2: bytes were added or removed.</source>
        <translation>字段在第 %1 字节处结束，但签名应从第 %2 字节处开始：内容被添加或删除了字节。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="180"/>
        <source>The fields are not a CBOR array.</source>
        <translation>字段不是 CBOR 数组。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="185"/>
        <source>The fields do not begin with a format version.</source>
        <translation>字段未以格式版本开头。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="190"/>
        <source>The fields are in format version %1; this program reads version %2.</source>
        <translation>字段的格式版本为 %1；本程序读取的是版本 %2。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="196"/>
        <source>The fields hold %1 items instead of %2.</source>
        <translation>字段包含 %1 项，而应为 %2 项。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="201"/>
        <source>The %1 (item %2) is not a text string.</source>
        <translation>%1（第 %2 项）不是文本字符串。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="208"/>
        <source>The %1 (item %2) is not a number.</source>
        <translation>%1（第 %2 项）不是数字。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="217"/>
        <source>The %1 (item %2) holds %3, which is not a date written YYYYMMDD.</source>
        <translation>%1（第 %2 项）的值为 %3，不是 YYYYMMDD 格式的日期。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="227"/>
        <source>The %1 (item %2) is not a byte string.</source>
        <translation>%1（第 %2 项）不是字节串。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="230"/>
        <source>The %1 (item %2) has %3 bytes instead of %4.</source>
        <translation>%1（第 %2 项）为 %3 字节，而应为 %4 字节。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="245"/>
        <source>The fields are not in the canonical CBOR encoding this program writes.</source>
        <translation>字段不是本程序所写入的规范 CBOR 编码。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="276"/>
        <source>The payload was signed with key %1, and no trusted key was given.</source>
        <translation>二维码内容由密钥 %1 签名，但未提供任何受信任的密钥。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="277"/>
        <source>The payload was signed with key %1, which is not a trusted key (trusted: %2).</source>
        <translation>二维码内容由密钥 %1 签名，该密钥不是受信任的密钥（受信任的密钥：%2）。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="283"/>
        <source>The signature does not match the fields: the payload was changed after it was signed, or it was not signed by key %1.</source>
        <translation>签名与字段不符：二维码内容在签名后被改动过，或并非由密钥 %1 签名。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="290"/>
        <source>The certificate is issued on %1, after the checking date %2.</source>
        <translation>证照的发证日期为 %1，晚于核验日期 %2。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="296"/>
        <source>The certificate expired: it was valid until %1, and the checking date is %2.</source>
        <translation>证照已过期：有效期至 %1，核验日期为 %2。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="350"/>
        <source>Character %1 (&quot;%2&quot;) is not a base45 character (0-9, A-Z, space, $%*+-./:).</source>
        <translation>第 %1 个字符（“%2”）不是 base45 字符（0-9、A-Z、空格、$%*+-./:）。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="358"/>
        <source>The base45 text has %1 characters; a length of 3n+1 cannot be decoded (a character is missing or one too many).</source>
        <translation>该 base45 文本有 %1 个字符；长度为 3n+1 时无法解码（缺少一个字符或多出一个字符）。</translation>
    </message>
    <message>
        <location filename="../app/core/CertificatePayload.cpp" line="370"/>
        <source>Characters %1-%2 stand for %3, too large for base45 (at most %4).</source>
        <translation>第 %1-%2 个字符表示 %3，超出 base45 的范围（最大 %4）。</translation>
    </message>
</context>
<context>
    <name>CertificateRenderer</name>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="353"/>
        <source>neither a unified social credit code (%1) nor a resident ID number (%2)</source>
        <translation>既不是统一社会信用代码（%1），也不是居民身份证号码（%2）</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="394"/>
        <source>%1 is empty.</source>
        <translation>%1为空。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="399"/>
        <source>%1 &quot;%2&quot;: %3</source>
        <translation>%1“%2”：%3</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="401"/>
        <source>%1 is too long for its box of %2 × %3 mm, even in the smallest font allowed.</source>
        <translation>%1过长，即使使用允许的最小字号，也无法放入 %2 × %3 毫米的文本框。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="409"/>
        <source>The template %1 has no place for a QR code.</source>
        <translation>模板 %1 中没有二维码的位置。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="414"/>
        <source>The template %1 has no place for the seal.</source>
        <translation>模板 %1 中没有印章的位置。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="443"/>
        <source>There is no certificate to print.</source>
        <translation>没有需要打印的证照。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="454"/>
        <source>Certificate %1 of %2 (%3): %4</source>
        <translation>第 %1 张证照（共 %2 张，%3）：%4</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="562"/>
        <location filename="../app/print/CertificateRenderer.cpp" line="578"/>
        <source>The PDF could not be made.</source>
        <translation>无法生成 PDF。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="591"/>
        <source>Cannot write the PDF to %1: %2</source>
        <translation>无法将 PDF 写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="611"/>
        <source>The printer %1 is not ready.</source>
        <translation>打印机 %1 未就绪。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="612"/>
        <source>Cannot write to %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="619"/>
        <source>The printer stopped after certificate %1 of %2.</source>
        <translation>打印机在打印第 %1 张证照（共 %2 张）后停止。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateRenderer.cpp" line="629"/>
        <source>The printer did not accept the certificates.</source>
        <translation>打印机未接受证照。</translation>
    </message>
</context>
<context>
    <name>CertificateScanner</name>
    <message>
        <location filename="../app/print/CertificateScanner.cpp" line="55"/>
        <source>The file is not a PDF that can be read.</source>
        <translation>该文件不是可读取的 PDF。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateScanner.cpp" line="60"/>
        <source>The PDF is protected by a password.</source>
        <translation>该 PDF 受密码保护。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateScanner.cpp" line="77"/>
        <source>No QR code was found on the first %1 pages of the PDF.</source>
        <translation>在 PDF 的前 %1 页中未找到二维码。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateScanner.cpp" line="78"/>
        <source>No QR code was found in the PDF.</source>
        <translation>在 PDF 中未找到二维码。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateScanner.cpp" line="87"/>
        <source>Unable to read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateScanner.cpp" line="95"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateScanner.cpp" line="106"/>
        <source>%1 is neither a PDF nor an image that can be read (%2).</source>
        <translation>%1 既不是 PDF，也不是可读取的图片（%2）。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateScanner.cpp" line="112"/>
        <source>No QR code was found in %1.</source>
        <translation>在 %1 中未找到二维码。</translation>
    </message>
</context>
<context>
    <name>CertificateService</name>
    <message>
        <location filename="../app/services/CertificateService.cpp" line="84"/>
        <source>A core material of case %1 is still owed (容缺); its certificate is printed once the material is supplied.</source>
        <translation>办件 %1 仍有核心材料待补交（容缺）；须待材料补齐后方可打印证照。</translation>
    </message>
    <message>
        <location filename="../app/services/CertificateService.cpp" line="124"/>
        <source>Certificate %1 is not the number taken for this case (%2).</source>
        <translation>证照编号 %1 不是本办件所取的编号（%2）。</translation>
    </message>
    <message>
        <location filename="../app/services/CertificateService.cpp" line="127"/>
        <location filename="../app/services/CertificateService.cpp" line="159"/>
        <source>The printed document is missing (no SHA-256 of it was given).</source>
        <translation>缺少已打印的文书（未提供其 SHA-256）。</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="308"/>
        <location filename="../app/services/CertificateService.cpp" line="156"/>
        <source>reason for the reprint</source>
        <translation>重打原因</translation>
    </message>
    <message>
        <location filename="../app/services/CertificateService.cpp" line="183"/>
        <source>reason for voiding</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <location filename="../app/services/CertificateService.cpp" line="200"/>
        <source>Say whether the holder in person or an agent collects the certificate.</source>
        <translation>请说明由持证人本人还是代理人领取证照。</translation>
    </message>
    <message>
        <location filename="../app/services/CertificateService.cpp" line="202"/>
        <source>collector&apos;s name</source>
        <translation>领取人姓名</translation>
    </message>
    <message>
        <location filename="../app/services/CertificateService.cpp" line="207"/>
        <source>The collector&apos;s resident ID number is not valid: %1</source>
        <translation>领取人的居民身份证号码无效：%1</translation>
    </message>
    <message>
        <location filename="../app/services/CertificateService.cpp" line="212"/>
        <source>The collector is not the holder %1: check the ID card, or record the collector as an agent.</source>
        <translation>领取人不是持证人 %1：请核对身份证，或将领取人登记为代理人。</translation>
    </message>
    <message>
        <location filename="../app/services/CertificateService.cpp" line="217"/>
        <source>Only the legal representative of %1 collects as the holder; anyone else collects as an agent.</source>
        <translation>只有 %1 的法定代表人可以作为持证人本人领取；其他人须作为代理人领取。</translation>
    </message>
</context>
<context>
    <name>CertificateTemplate</name>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="38"/>
        <location filename="../app/print/CertificateTemplate.cpp" line="389"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="47"/>
        <location filename="../app/print/CertificateTemplate.cpp" line="72"/>
        <source>&quot;%1&quot; is missing.</source>
        <translation>缺少“%1”。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="51"/>
        <source>&quot;%1&quot; must be a number.</source>
        <translation>“%1”必须是数字。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="57"/>
        <source>&quot;%1&quot; is %2; it must be between %3 and %4.</source>
        <translation>“%1”为 %2，必须介于 %3 和 %4 之间。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="76"/>
        <source>&quot;%1&quot; must be a text.</source>
        <translation>“%1”必须是文本。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="80"/>
        <source>&quot;%1&quot; is empty.</source>
        <translation>“%1”为空。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="90"/>
        <source>&quot;%1&quot; must be true or false.</source>
        <translation>“%1”必须是 true 或 false。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="104"/>
        <source>&quot;%1&quot; must be a colour written #rrggbb, not &quot;%2&quot;.</source>
        <translation>“%1”必须是 #rrggbb 格式的颜色，而不是“%2”。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="121"/>
        <source>&quot;align&quot; must be left, center or right, not &quot;%1&quot;.</source>
        <translation>“align”必须是 left、center 或 right，而不是“%1”。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="132"/>
        <source>&quot;font&quot; must be an object.</source>
        <translation>“font”必须是对象。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="162"/>
        <source>the box %1, %2 – %3, %4 mm is not on the %5 × %6 mm sheet.</source>
        <translation>区域 %1, %2 – %3, %4 毫米不在 %5 × %6 毫米的纸张范围内。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="211"/>
        <source>The template is not valid JSON: %1 at character %2.</source>
        <translation>模板不是有效的 JSON：第 %2 个字符处%1。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="218"/>
        <source>The template must be a JSON object.</source>
        <translation>模板必须是 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="227"/>
        <source>&quot;format&quot; is %1; this program reads format %2.</source>
        <translation>“format”为 %1；本程序读取的是格式 %2。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="231"/>
        <source>&quot;id&quot; must be lower-case letters, digits and hyphens, not &quot;%1&quot;.</source>
        <translation>“id”只能由小写字母、数字和连字符组成，而不是“%1”。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="241"/>
        <source>&quot;page&quot; is missing.</source>
        <translation>缺少“page”。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="246"/>
        <source>&quot;size&quot; must be A3, A4, A5 or B5, not &quot;%1&quot;.</source>
        <translation>“size”必须是 A3、A4、A5 或 B5，而不是“%1”。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="259"/>
        <source>&quot;orientation&quot; must be portrait or landscape, not &quot;%1&quot;.</source>
        <translation>“orientation”必须是 portrait 或 landscape，而不是“%1”。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="308"/>
        <source>&quot;type&quot; must be rect, line, circle, star, text, emblem or waves, not &quot;%1&quot;.</source>
        <translation>“type”必须是 rect、line、circle、star、text、emblem 或 waves，而不是“%1”。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="316"/>
        <source>&quot;fields&quot; must be a list of at least one field.</source>
        <translation>“fields”必须是至少包含一个字段的列表。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="328"/>
        <source>&quot;key&quot; must be a letter followed by letters, digits or _.</source>
        <translation>“key”必须以字母开头，后接字母、数字或 _。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="338"/>
        <source>&quot;minSizePt&quot; is larger than the font size.</source>
        <translation>“minSizePt”大于字号。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="342"/>
        <source>&quot;format&quot; must be licenceIdentifier, creditCode, residentId or holderId, not &quot;%1&quot;.</source>
        <translation>“format”必须是 licenceIdentifier、creditCode、residentId 或 holderId，而不是“%1”。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="360"/>
        <source>must be an object with cx, cy and diameter.</source>
        <translation>必须是包含 cx、cy 和 diameter 的对象。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="371"/>
        <source>must be an object with x, y and size.</source>
        <translation>必须是包含 x、y 和 size 的对象。</translation>
    </message>
    <message>
        <location filename="../app/print/CertificateTemplate.cpp" line="383"/>
        <source>Unable to read the template %1: %2</source>
        <translation>无法读取模板 %1：%2</translation>
    </message>
</context>
<context>
    <name>CertificateWindowWidget</name>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="16"/>
        <source>Case &amp;number:</source>
        <translation>办件编号(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="23"/>
        <source>SL…</source>
        <translation>SL…</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="28"/>
        <source>F&amp;ind</source>
        <translation>查找(&amp;I)</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="40"/>
        <source>Take a number and &amp;print</source>
        <translation>取号并打印(&amp;P)</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="45"/>
        <source>R&amp;eason:</source>
        <translation>原因(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="52"/>
        <source>required to reprint or void</source>
        <translation>重打或作废时必填</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="57"/>
        <source>&amp;Reprint</source>
        <translation>重打(&amp;R)</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="62"/>
        <source>&amp;Void</source>
        <translation>作废(&amp;V)</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="69"/>
        <source>Hand over (出证)</source>
        <translation>出证</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="76"/>
        <source>N&amp;ame:</source>
        <translation>姓名(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="87"/>
        <source>ID nu&amp;mber:</source>
        <translation>证件号码(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="98"/>
        <source>Han&amp;d over</source>
        <translation>交付(&amp;D)</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="110"/>
        <source>Ready for a &amp;certificate (Shift or Ctrl with the arrows and Space selects several):</source>
        <translation>待制证办件(&amp;C)（Shift 或 Ctrl 加方向键和空格可多选）：</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="169"/>
        <source>Sheet num&amp;bers from:</source>
        <translation>证照纸编号(&amp;B)从：</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="193"/>
        <source>Lo&amp;g received stock</source>
        <translation>登记领用证照纸(&amp;G)</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="215"/>
        <source>&amp;Wrap up the shift…</source>
        <translation>交接班(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="106"/>
        <source>Print several certificates</source>
        <translation>批量打印证照</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="124"/>
        <source>&amp;Output:</source>
        <translation>输出方式(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="133"/>
        <source>Pre-printed stoc&amp;k (fields only)</source>
        <translation>预印证照底纸（仅套打字段）(&amp;K)</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="138"/>
        <source>Print &amp;selected</source>
        <translation>打印所选(&amp;S)</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="143"/>
        <source>Refresh the lis&amp;t</source>
        <translation>刷新列表(&amp;T)</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="148"/>
        <source>Ca&amp;librate printer…</source>
        <translation>校准打印机(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="158"/>
        <source>Certificate stock (numbered sheets)</source>
        <translation>证照纸（带编号）</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="181"/>
        <source>to:</source>
        <translation>至：</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="198"/>
        <source>Sheet:</source>
        <translation>页号：</translation>
    </message>
    <message>
        <location filename="../forms/CertificateWindowWidget.ui" line="210"/>
        <source>Sheet r&amp;uined (reason above)</source>
        <translation>登记废页（原因见上）(&amp;U)</translation>
    </message>
</context>
<context>
    <name>ChainCheckpoints</name>
    <message>
        <location filename="../db/ChainCheckpoints.cpp" line="31"/>
        <source>The chain checkpoints could not be stored: %1</source>
        <translation>无法保存审计链检查点：%1</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="5"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="11"/>
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="20"/>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="29"/>
        <source>&amp;Repeat new password:</source>
        <translation>确认新密码(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>ClockDialog</name>
    <message>
        <location filename="../forms/ClockDialog.ui" line="5"/>
        <source>Clock and extension</source>
        <translation>暂停计时与延期</translation>
    </message>
    <message>
        <location filename="../forms/ClockDialog.ui" line="18"/>
        <source>Stop the clock (Administrative Licensing Law art. 45)</source>
        <translation>暂停计时（《行政许可法》第四十五条）</translation>
    </message>
    <message>
        <location filename="../forms/ClockDialog.ui" line="22"/>
        <source>&amp;For:</source>
        <translation>原因(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../forms/ClockDialog.ui" line="29"/>
        <source>&amp;What and why:</source>
        <translation>具体事项及理由(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../forms/ClockDialog.ui" line="38"/>
        <source>Stop and print the notice (Ctrl+S)</source>
        <translation>暂停计时并打印告知书（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../forms/ClockDialog.ui" line="39"/>
        <source>It is over: resume (Ctrl+R)</source>
        <translation>已结束：恢复计时（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../forms/ClockDialog.ui" line="47"/>
        <source>Extend the time limit (approvers, art. 42)</source>
        <translation>延长办理期限（审批人员，第四十二条）</translation>
    </message>
    <message>
        <location filename="../forms/ClockDialog.ui" line="51"/>
        <source>Working &amp;days:</source>
        <translation>工作日数(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../forms/ClockDialog.ui" line="63"/>
        <source>&amp;Reasons:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../forms/ClockDialog.ui" line="71"/>
        <source>Extend and print the notice (Ctrl+E)</source>
        <translation>延期并打印告知书（Ctrl+E）</translation>
    </message>
</context>
<context>
    <name>ClockRepair</name>
    <message>
        <location filename="../db/ClockRepair.cpp" line="72"/>
        <source>The events of user %1 are signed with key %2: their password is needed to sign them again.</source>
        <translation>用户 %1 的事件使用密钥 %2 签名：需要其密码才能重新签名。</translation>
    </message>
    <message>
        <location filename="../db/ClockRepair.cpp" line="114"/>
        <source>Event %1 was sent meanwhile; nothing was changed.</source>
        <translation>事件 %1 已在此期间发送；未作任何更改。</translation>
    </message>
</context>
<context>
    <name>ClockRepairService</name>
    <message>
        <location filename="../app/services/ClockRepairService.cpp" line="14"/>
        <location filename="../app/services/ClockRepairService.cpp" line="22"/>
        <source>Only an administrator may repair this workstation&apos;s clocks.</source>
        <translation>只有管理员可以修复本工作站的时钟。</translation>
    </message>
    <message>
        <location filename="../app/services/ClockRepairService.cpp" line="34"/>
        <source>The signing key %1 of user %2 is not held here.</source>
        <translation>本工作站未持有用户 %2 的签名密钥 %1。</translation>
    </message>
    <message>
        <location filename="../app/services/ClockRepairService.cpp" line="37"/>
        <source>The password of user %1 does not open their signing key; nothing was changed.</source>
        <translation>用户 %1 的密码无法打开其签名密钥；未作任何更改。</translation>
    </message>
</context>
<context>
    <name>ClockStop</name>
    <message>
        <location filename="../app/core/ClockStop.cpp" line="28"/>
        <source>hearing</source>
        <translation>听证</translation>
    </message>
    <message>
        <location filename="../app/core/ClockStop.cpp" line="29"/>
        <source>testing, inspection or appraisal</source>
        <translation>检验、检测、鉴定</translation>
    </message>
    <message>
        <location filename="../app/core/ClockStop.cpp" line="30"/>
        <source>expert review</source>
        <translation>专家评审</translation>
    </message>
</context>
<context>
    <name>CollectorKind</name>
    <message>
        <location filename="../app/core/CollectorKind.cpp" line="31"/>
        <source>Holder in person</source>
        <translation>持证人本人</translation>
    </message>
    <message>
        <location filename="../app/core/CollectorKind.cpp" line="32"/>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location filename="../app/core/CollectorKind.cpp" line="33"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../forms/ConflictDialog.ui" line="6"/>
        <source>Resolve a conflict</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <location filename="../forms/ConflictDialog.ui" line="23"/>
        <source>C&amp;onflict:</source>
        <translation>冲突(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../forms/ConflictDialog.ui" line="34"/>
        <source>&amp;Keep this step (the others stay recorded but no longer count):</source>
        <translation>保留此步骤(&amp;K)（其余步骤仍保留记录，但不再生效）：</translation>
    </message>
    <message>
        <location filename="../forms/ConflictDialog.ui" line="45"/>
        <source>&amp;Reasons for your choice:</source>
        <translation>选择理由(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../forms/ConflictDialog.ui" line="62"/>
        <source>Re&amp;solve</source>
        <translation>处理(&amp;S)</translation>
    </message>
    <message>
        <location filename="../forms/ConflictDialog.ui" line="67"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ConflictService</name>
    <message>
        <location filename="../app/services/ConflictService.cpp" line="61"/>
        <source>reasons for your choice</source>
        <translation>选择理由</translation>
    </message>
    <message>
        <location filename="../app/services/ConflictService.cpp" line="68"/>
        <source>This case has no open conflict of that kind.</source>
        <translation>本办件没有此类未处理的冲突。</translation>
    </message>
    <message>
        <location filename="../app/services/ConflictService.cpp" line="70"/>
        <source>The event to keep must be one of the conflicting events.</source>
        <translation>要保留的事件必须是发生冲突的事件之一。</translation>
    </message>
</context>
<context>
    <name>CounterService</name>
    <message>
        <location filename="../app/services/CounterService.cpp" line="65"/>
        <source>There is no such case.</source>
        <translation>不存在该办件。</translation>
    </message>
    <message>
        <location filename="../app/services/CounterService.cpp" line="67"/>
        <source>This case was already rated.</source>
        <translation>该办件已评价过。</translation>
    </message>
    <message>
        <location filename="../app/services/CounterService.cpp" line="91"/>
        <source>Give a period of at most a year.</source>
        <translation>期限最长为一年。</translation>
    </message>
    <message>
        <location filename="../app/services/CounterService.cpp" line="139"/>
        <source>Unable to write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>DataGenerator</name>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="305"/>
        <source>The number of cases must be between 1 and %1.</source>
        <translation>办件数量必须介于 1 和 %1 之间。</translation>
    </message>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="307"/>
        <source>The number of applicants must be between 1 and the number of cases (%1).</source>
        <translation>申请人数量必须介于 1 和办件数量（%1）之间。</translation>
    </message>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="309"/>
        <source>The number of years must be between 1 and %1.</source>
        <translation>年数必须介于 1 和 %1 之间。</translation>
    </message>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="311"/>
        <source>The cases per transaction must be between 1 and 100000.</source>
        <translation>每个事务的办件数必须介于 1 和 100000 之间。</translation>
    </message>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="337"/>
        <source>The hall has no intake clerk to take the cases in; add one first (oneseal-admin user-add --roles intake).</source>
        <translation>本大厅没有可受理办件的受理人员，请先添加（oneseal-admin user-add --roles intake）。</translation>
    </message>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="346"/>
        <source>There is no working day between %1 and %2.</source>
        <translation>%1 至 %2 之间没有工作日。</translation>
    </message>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="382"/>
        <source>The catalog has no matter to take cases in for.</source>
        <translation>事项目录中没有可受理办件的事项。</translation>
    </message>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="431"/>
        <source>No free block of case numbers was found.</source>
        <translation>未找到可用的办件编号段。</translation>
    </message>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="449"/>
        <source>%1 (%2 cases were written and kept.)</source>
        <translation>%1（已写入并保留 %2 件办件。）</translation>
    </message>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="500"/>
        <source>Generated an invalid applicant (%1): %2</source>
        <translation>生成了无效的申请人（%1）：%2</translation>
    </message>
    <message>
        <location filename="../app/loadgen/DataGenerator.cpp" line="590"/>
        <source>Generated a case the intake rules refuse (%1): %2</source>
        <translation>生成了受理规则不允许的办件（%1）：%2</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../db/Database.cpp" line="62"/>
        <source>The database key is not a 256-bit key.</source>
        <translation>数据库密钥不是256位密钥。</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="137"/>
        <source>The migrations folder %1 does not exist.</source>
        <translation>迁移脚本目录 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="149"/>
        <source>The migration %1 has the number 0; numbers start at 0001.</source>
        <translation>迁移脚本 %1 的编号为0；编号应从0001开始。</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="154"/>
        <source>The migrations %1 and %2 have the same number.</source>
        <translation>迁移脚本 %1 和 %2 的编号相同。</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="162"/>
        <source>Unable to read the schema version.</source>
        <translation>无法读取数据库结构版本。</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="168"/>
        <source>The database has schema version %1 but this program knows only up to %2: it was written by a newer OneSeal.</source>
        <translation>数据库结构版本为 %1，但本程序最高只支持版本 %2：该数据库由更新版本的 OneSeal 写入。</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="182"/>
        <source>Unable to read the migration %1.</source>
        <translation>无法读取迁移脚本 %1。</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="190"/>
        <source>The migration %1 could not start: %2</source>
        <translation>迁移 %1 无法开始：%2</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="198"/>
        <source>The migration %1 failed and was undone: %2</source>
        <translation>迁移 %1 执行失败，已撤销：%2</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="200"/>
        <source>The migration %1 failed and could not be undone: %2</source>
        <translation>迁移 %1 执行失败，且无法撤销：%2</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="224"/>
        <source>The file %1 already exists; choose a new name.</source>
        <translation>文件 %1 已存在，请另选文件名。</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="225"/>
        <source>Unable to create the plaintext copy %1: %2</source>
        <translation>无法创建明文副本 %1：%2</translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="235"/>
        <location filename="../db/Database.cpp" line="248"/>
        <source>Unable to create the plaintext copy: %1</source>
        <translation>无法创建明文副本：%1</translation>
    </message>
</context>
<context>
    <name>Deadline</name>
    <message>
        <location filename="../app/core/Deadline.cpp" line="40"/>
        <source>The deadline cannot be computed without the acceptance date.</source>
        <translation>缺少受理日期，无法计算办结期限。</translation>
    </message>
    <message>
        <location filename="../app/core/Deadline.cpp" line="43"/>
        <source>The time limit must be between 0 and %1 working days.</source>
        <translation>时限必须在0至%1个工作日之间。</translation>
    </message>
    <message>
        <location filename="../app/core/Deadline.cpp" line="82"/>
        <source>The clock has stood still since %1 with %2 of %3 working days used; the due date is set when it resumes.</source>
        <translation>自%1起暂停计时，已用%2个工作日（共%3个工作日）；恢复计时后再确定办结日期。</translation>
    </message>
    <message>
        <location filename="../app/core/Deadline.cpp" line="88"/>
        <source>The clock has stood still since %1 (%2) with %3 of %4 working days used; the due date is set when it resumes.</source>
        <translation>自%1起暂停计时（%2），已用%3个工作日（共%4个工作日）；恢复计时后再确定办结日期。</translation>
    </message>
</context>
<context>
    <name>Decision</name>
    <message>
        <location filename="../app/core/Decision.cpp" line="33"/>
        <source>approved</source>
        <translation>准予许可</translation>
    </message>
    <message>
        <location filename="../app/core/Decision.cpp" line="34"/>
        <source>refused</source>
        <translation>不予许可</translation>
    </message>
    <message>
        <location filename="../app/core/Decision.cpp" line="35"/>
        <source>terminated</source>
        <translation>已终止办理</translation>
    </message>
    <message>
        <location filename="../app/core/Decision.cpp" line="36"/>
        <source>revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../app/core/Decision.cpp" line="37"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../forms/DecisionDialog.ui" line="6"/>
        <source>Decision</source>
        <translation>审批决定</translation>
    </message>
    <message>
        <location filename="../forms/DecisionDialog.ui" line="21"/>
        <source>&amp;Matter of the bundle:</source>
        <translation>“一件事”中的事项(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../forms/DecisionDialog.ui" line="34"/>
        <source>&amp;Reasons (required to refuse) or notes:</source>
        <translation>理由（不予许可时必填）或备注(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../forms/DecisionDialog.ui" line="48"/>
        <source>&amp;Approve</source>
        <translation>准予许可(&amp;A)</translation>
    </message>
    <message>
        <location filename="../forms/DecisionDialog.ui" line="53"/>
        <source>Re&amp;fuse</source>
        <translation>不予许可(&amp;F)</translation>
    </message>
    <message>
        <location filename="../forms/DecisionDialog.ui" line="63"/>
        <source>Apply the seal (行政审批专用章)</source>
        <translation>加盖行政审批专用章</translation>
    </message>
    <message>
        <location filename="../forms/DecisionDialog.ui" line="67"/>
        <source>Your &amp;password:</source>
        <translation>您的密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../forms/DecisionDialog.ui" line="78"/>
        <source>Apply the &amp;seal</source>
        <translation>用印(&amp;S)</translation>
    </message>
</context>
<context>
    <name>DecisionService</name>
    <message>
        <location filename="../app/services/DecisionService.cpp" line="29"/>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../app/services/DecisionService.cpp" line="62"/>
        <source>reasons for refusal</source>
        <translation>不予许可理由</translation>
    </message>
    <message>
        <location filename="../app/services/DecisionService.cpp" line="98"/>
        <source>The document to seal is missing (no SHA-256 of it was given).</source>
        <translation>缺少待用印的文书（未提供其 SHA-256）。</translation>
    </message>
    <message>
        <location filename="../app/services/DecisionService.cpp" line="99"/>
        <source>document title</source>
        <translation>文书标题</translation>
    </message>
    <message>
        <location filename="../app/services/DecisionService.cpp" line="104"/>
        <source>The password is wrong; the seal was not applied.</source>
        <translation>密码错误，未用印。</translation>
    </message>
    <message>
        <location filename="../app/services/DecisionService.cpp" line="146"/>
        <source>Every matter of the case was refused.</source>
        <translation>该办件的所有事项均不予许可。</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsService</name>
    <message>
        <location filename="../app/services/DeviceSettings.cpp" line="47"/>
        <source>Only an administrator can change the counter&apos;s devices and the calling system: the calling system&apos;s command is a program this workstation runs on every F12.</source>
        <translation>只有管理员可以更改窗口设备和叫号系统：叫号系统的命令是本工作站每次按 F12 时都会运行的程序。</translation>
    </message>
    <message>
        <location filename="../app/services/DeviceSettings.cpp" line="57"/>
        <source>The reader&apos;s port is not a device name such as /dev/ttyUSB0.</source>
        <translation>阅读器端口不是有效的设备名称（如 /dev/ttyUSB0）。</translation>
    </message>
    <message>
        <location filename="../app/services/DeviceSettings.cpp" line="59"/>
        <source>The reader&apos;s speed must be between 1200 and 921600 baud.</source>
        <translation>阅读器速率必须介于 1200 和 921600 波特之间。</translation>
    </message>
    <message>
        <location filename="../app/services/DeviceSettings.cpp" line="61"/>
        <source>The camera program&apos;s folder is not a folder name.</source>
        <translation>高拍仪程序的文件夹不是有效的文件夹名称。</translation>
    </message>
    <message>
        <location filename="../app/services/DeviceSettings.cpp" line="63"/>
        <source>The calling system&apos;s URL or command is too long or contains a control character.</source>
        <translation>叫号系统的 URL 或命令过长，或含有控制字符。</translation>
    </message>
    <message>
        <location filename="../app/services/DeviceSettings.cpp" line="65"/>
        <source>The calling time limit must be between 200 and 30000 ms.</source>
        <translation>叫号时限必须介于 200 和 30000 毫秒之间。</translation>
    </message>
    <message>
        <location filename="../app/services/DeviceSettings.cpp" line="67"/>
        <source>The window&apos;s name is at most %1 characters.</source>
        <translation>窗口名称最多 %1 个字符。</translation>
    </message>
</context>
<context>
    <name>DocumentIssuer</name>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="127"/>
        <source>Case %1 has no material %2 handed in to give a receipt for.</source>
        <translation>办件 %1 没有已提交的材料 %2，无法出具收件凭证。</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="144"/>
        <source>The clock of case %1 is not stopped for a hearing, testing or expert review.</source>
        <translation>办件 %1 未因听证、检验检测鉴定或专家评审而暂停计时。</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="161"/>
        <source>The time limit of case %1 was not extended.</source>
        <translation>办件 %1 的办理期限未延长。</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="244"/>
        <source>certificate %1</source>
        <translation>证照 %1</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="338"/>
        <source>Cases accepted</source>
        <translation>受理办件数</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="339"/>
        <source>Certificates issued</source>
        <translation>发证数</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="340"/>
        <source>Certificates printed</source>
        <translation>制证数</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="341"/>
        <source>Certificates reprinted</source>
        <translation>重打证照数</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="342"/>
        <source>Certificates voided</source>
        <translation>作废证照数</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="343"/>
        <source>Sheets spoiled</source>
        <translation>废页数</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="344"/>
        <source>Owed materials collected</source>
        <translation>收取容缺材料数</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="345"/>
        <source>Open cases</source>
        <translation>在办办件数</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="346"/>
        <source>Stock of %1: received / printed / spoiled / voided</source>
        <translation>%1 的证照纸入库 / 打印 / 废页 / 作废</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="348"/>
        <source>Sheets remaining</source>
        <translation>剩余证照纸</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="349"/>
        <source>Next sheet (records / counted)</source>
        <translation>下一页号（记录 / 清点）</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="351"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="352"/>
        <source>not counted</source>
        <translation>未清点</translation>
    </message>
    <message>
        <location filename="../app/documents/DocumentIssuer.cpp" line="408"/>
        <source>The case could not be read.</source>
        <translation>无法读取该办件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/documents/DocumentIssuer.cpp" line="416"/>
        <source>%n certificate(s)</source>
        <translation>
            <numerusform>%n 份证照</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentRenderer</name>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="727"/>
        <source>The PDF could not be made.</source>
        <translation>无法生成 PDF。</translation>
    </message>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="733"/>
        <source>Cannot write the PDF to %1: %2</source>
        <translation>无法将 PDF 写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/print/DocumentRenderer.cpp" line="779"/>
        <source>The notice has %n page(s); the chosen range has none of them.</source>
        <translation>
            <numerusform>通知书共%n页，所选页码范围不含其中任何一页。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="786"/>
        <source>The printer %1 is not ready.</source>
        <translation>打印机 %1 未就绪。</translation>
    </message>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="787"/>
        <source>Cannot write to %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="794"/>
        <source>The printer stopped after page %1.</source>
        <translation>打印机在打印第%1页后停止。</translation>
    </message>
    <message>
        <location filename="../app/print/DocumentRenderer.cpp" line="805"/>
        <source>The printer did not accept the notice.</source>
        <translation>打印机未接受该通知书。</translation>
    </message>
</context>
<context>
    <name>DropFolderWatcher</name>
    <message>
        <location filename="../app/devices/DropFolderWatcher.cpp" line="44"/>
        <source>Unable to watch the folder %1.</source>
        <translation>无法监视文件夹 %1。</translation>
    </message>
    <message>
        <location filename="../app/devices/DropFolderWatcher.cpp" line="80"/>
        <source>larger than %1 MB</source>
        <translation>大于 %1 MB</translation>
    </message>
</context>
<context>
    <name>EventAdmission</name>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="44"/>
        <source>a review or inspection that names a malformed matter</source>
        <translation>审查或勘验所指明的事项格式错误</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="48"/>
        <location filename="../app/core/EventAdmission.cpp" line="51"/>
        <source>a site visit whose list of matters is malformed</source>
        <translation>现场勘验的事项列表格式错误</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="54"/>
        <source>a review names one matter, not a list</source>
        <translation>审查只能指明一个事项，而不是事项列表</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="138"/>
        <source>a key registration that is not the author&apos;s own or whose key is malformed</source>
        <translation>密钥登记并非作者本人所为，或其密钥格式不正确</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="220"/>
        <source>a clock stop without a known reason or a start day</source>
        <translation>暂停计时缺少有效原因或起始日期</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="222"/>
        <source>a clock restart without its day</source>
        <translation>恢复计时缺少日期</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="226"/>
        <source>an extension that is not 1 to 10 working days with reasons</source>
        <translation>延期不是1至10个工作日或缺少理由</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="231"/>
        <source>a termination, revocation or failed check without reasons</source>
        <translation>终止办理、撤销或核查不实缺少理由</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="233"/>
        <source>a rectification order without its deadline</source>
        <translation>整改通知缺少整改期限</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="235"/>
        <source>a supplied material without its code</source>
        <translation>补交材料缺少材料代码</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="244"/>
        <source>declared values that are not a list of at most %1</source>
        <translation>申报值不是至多 %1 项的列表</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="253"/>
        <source>a declared value that names no matter of the case, or is empty or longer than %1 characters</source>
        <translation>申报值未对应本办件的事项，或为空，或超过 %1 个字符</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="266"/>
        <source>malformed: the kind of event is not one this program writes</source>
        <translation>格式错误：事件类型不是本程序写入的类型</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="268"/>
        <source>malformed: the payload is larger than %1 bytes</source>
        <translation>格式错误：载荷大于 %1 字节</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="273"/>
        <source>malformed: the payload is not a bounded map</source>
        <translation>格式错误：载荷不是有界映射</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="276"/>
        <source>malformed: %1 lacks a valid field %2</source>
        <translation>格式错误：%1 缺少有效字段 %2</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="279"/>
        <source>malformed: %1 names no case</source>
        <translation>格式错误：%1 未指明办件</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="411"/>
        <source>%1 is made only at the hub, never by a workstation</source>
        <translation>%1 只能由中心服务器生成，不能由工作站生成</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="413"/>
        <source>a counter event that names no case</source>
        <translation>窗口事件未指明办件</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="422"/>
        <source>recorded at %1, before the hub&apos;s checkpoint of workstation %2 at %3 less the clock margin of %4 hours (backdated)</source>
        <translation>记录于 %1，早于中心服务器在 %3 为工作站 %2 设立的检查点减去 %4 小时时钟容差后的时间（倒签）</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="428"/>
        <source>its clock %1 is not after the hub&apos;s clock %2 that workstation %3 held at the checkpoint of %4 (backdated)</source>
        <translation>其时钟 %1 不晚于工作站 %3 在 %4 检查点时所持有的中心服务器时钟 %2（倒签）</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="436"/>
        <source>unsigned event after signing was switched on</source>
        <translation>启用签名之后的未签名事件</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="446"/>
        <source>key %1 is already registered</source>
        <translation>密钥 %1 已登记</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="459"/>
        <source>a first signing key of a user without an auth key, after the hall required a proof by the password for every first key (reset the user&apos;s password at the hub)</source>
        <translation>大厅已要求每个首个签名密钥都须由密码证明，但该用户没有认证密钥（请在中心服务器重置该用户的密码）</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="465"/>
        <source>a first signing key without a valid proof by the user&apos;s password (auth key)</source>
        <translation>首个签名密钥缺少由用户密码（认证密钥）出具的有效证明</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="470"/>
        <source>signed with key %1, which is not in the hall&apos;s directory</source>
        <translation>使用了不在本大厅用户目录中的密钥 %1 签名</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="473"/>
        <source>the key registration is not signed by the user&apos;s current key %1</source>
        <translation>该密钥登记未由用户当前的密钥 %1 签名</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="475"/>
        <source>signed with the key of another user (%1), not the author&apos;s</source>
        <translation>使用了其他用户（%1）而非作者本人的密钥签名</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="477"/>
        <source>signed with key %1 outside its validity</source>
        <translation>使用密钥 %1 在其有效期之外签名</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="480"/>
        <source>the signature does not match the event</source>
        <translation>签名与事件不符</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="483"/>
        <source>the author %1 is not a user of this hall</source>
        <translation>作者 %1 不是本大厅的用户</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="488"/>
        <source>the author %1 was disabled</source>
        <translation>作者 %1 已被停用</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="491"/>
        <source>the author %1 holds no role that may write %2</source>
        <translation>作者 %1 没有可写入 %2 的角色</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="498"/>
        <source>a change of roles of %1, who is not a user of this hall</source>
        <translation>对 %1 的角色变更，但此人不是本大厅的用户</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="500"/>
        <source>an administrator may not take the administrator&apos;s role from themselves</source>
        <translation>管理员不得撤销自己的管理员角色</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="507"/>
        <source>the incoming user of a shift handover is not a user of this hall</source>
        <translation>交接班的接班用户不是本大厅的用户</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="510"/>
        <source>a relaxation of the separations belongs to the hall, not to a case</source>
        <translation>放宽岗位分离属于大厅设置，不属于某一办件</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="517"/>
        <source>a decision on one matter that names no matter of a case</source>
        <translation>单一事项的决定未指明办件中的事项</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="525"/>
        <location filename="../app/core/EventAdmission.cpp" line="538"/>
        <source>the author %1 accepted this case and may not write %2 on it (four separations)</source>
        <translation>作者 %1 受理了该办件，不得对其写入 %2（四分离）</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="536"/>
        <source>the author %1 may not write %2 on this case (separations): %3</source>
        <translation>作者 %1 不得在此办件上写入 %2（岗位分离）：%3</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="547"/>
        <source>malformed %1: %2</source>
        <translation>格式错误的 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="559"/>
        <source>%1 signed a certificate without a grant of the hall&apos;s seal key %2</source>
        <translation>%1 在未获授权使用大厅印章密钥 %2 的情况下签署了证照</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="563"/>
        <source>a malformed seal key revocation</source>
        <translation>格式错误的印章密钥撤销</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="565"/>
        <source>an unknown kind of seal key event %1</source>
        <translation>未知的印章密钥事件类型 %1</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="570"/>
        <source>a malformed seal key grant</source>
        <translation>格式错误的印章密钥授权</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="574"/>
        <source>%1 re-sealed a seal key they hold no grant of</source>
        <translation>%1 对其未获授权的印章密钥重新封装</translation>
    </message>
    <message>
        <location filename="../app/core/EventAdmission.cpp" line="581"/>
        <source>the seal key granted to %1, who is neither a certificate operator, an approver nor an administrator</source>
        <translation>印章密钥被授权给 %1，但此人既不是制证员、审批人员，也不是管理员</translation>
    </message>
</context>
<context>
    <name>EventStore</name>
    <message>
        <location filename="../db/EventStore.cpp" line="65"/>
        <source>An event needs a kind, a user and a workstation.</source>
        <translation>事件必须包含类型、用户和工作站。</translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="71"/>
        <source>An event can only be appended inside a transaction.</source>
        <translation>只能在事务中追加事件。</translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="112"/>
        <source>Your signing key was replaced since you logged in: your password was changed at another workstation or reset by the administrator. Log out and log in again with the new password; nothing was recorded.</source>
        <translation>您登录后签名密钥已被更换：您的密码已在其他工作站修改，或已被管理员重置。请退出并使用新密码重新登录；本次操作未记录任何内容。</translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="136"/>
        <source>The event could not be stored: %1</source>
        <translation>无法保存事件：%1</translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="302"/>
        <source>An event from the hub is incomplete (%1).</source>
        <translation>来自中心服务器的一个事件不完整（%1）。</translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="306"/>
        <source>The event %1 from workstation %2 does not match its hash; it was changed on the way and nothing of this batch was stored.</source>
        <translation>来自工作站 %2 的事件 %1 与其哈希值不符：该事件在传输途中被修改，本批次数据均未保存。</translation>
    </message>
    <message>
        <location filename="../db/EventReader.cpp" line="88"/>
        <location filename="../db/EventStore.cpp" line="448"/>
        <source>The database is not open.</source>
        <translation>数据库未打开。</translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="499"/>
        <source>The event %1 could not be stored: %2</source>
        <translation>无法保存事件 %1：%2</translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="331"/>
        <location filename="../db/EventStore.cpp" line="347"/>
        <source>The event %1 arrived with other content than the copy already stored; nothing of this batch was stored.</source>
        <translation>收到的事件 %1 与已保存的副本内容不同；本批次数据均未保存。</translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="356"/>
        <location filename="../db/EventStore.cpp" line="527"/>
        <source>The event %1 could not be marked as sent: %2</source>
        <translation>无法将事件 %1 标记为已发送：%2</translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="363"/>
        <location filename="../db/EventStore.cpp" line="538"/>
        <source>The event %1 has two different hub sequence numbers (%2 and %3).</source>
        <translation>事件 %1 有两个不同的中心服务器序号（%2 和 %3）。</translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="535"/>
        <source>The hub acknowledged the event %1, which is not in this database.</source>
        <translation>中心服务器确认了事件 %1，但本数据库中没有该事件。</translation>
    </message>
</context>
<context>
    <name>FrameReader</name>
    <message>
        <location filename="../app/protocol/Frame.cpp" line="36"/>
        <source>An empty frame was received.</source>
        <translation>收到了一个空数据帧。</translation>
    </message>
    <message>
        <location filename="../app/protocol/Frame.cpp" line="38"/>
        <source>A frame of %1 bytes was announced; at most %2 are accepted.</source>
        <translation>声明的数据帧长度为 %1 字节，最多只接受 %2 字节。</translation>
    </message>
    <message>
        <location filename="../app/protocol/Frame.cpp" line="46"/>
        <source>A frame is not valid CBOR: %1</source>
        <translation>数据帧不是有效的 CBOR：%1</translation>
    </message>
    <message>
        <location filename="../app/protocol/Frame.cpp" line="48"/>
        <source>A frame has bytes after its CBOR value.</source>
        <translation>数据帧在其 CBOR 值之后还有多余字节。</translation>
    </message>
    <message>
        <location filename="../app/protocol/Frame.cpp" line="50"/>
        <source>A frame is not a map with a type.</source>
        <translation>数据帧不是带有类型的映射。</translation>
    </message>
</context>
<context>
    <name>HallService</name>
    <message>
        <location filename="../app/services/HallService.cpp" line="77"/>
        <source>The hall&apos;s seal key could not be made.</source>
        <translation>无法生成大厅的印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/services/HallService.cpp" line="100"/>
        <source>Enter the name of the hall&apos;s bureau.</source>
        <translation>请输入大厅所属审批局的名称。</translation>
    </message>
    <message>
        <location filename="../app/services/HallService.cpp" line="107"/>
        <source>A hall database already exists at %1; it was left as it is.</source>
        <translation>%1 处已存在大厅数据库，未作任何改动。</translation>
    </message>
</context>
<context>
    <name>HubBackup</name>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="56"/>
        <source>%1 is not a OneSeal hub backup.</source>
        <translation>%1 不是 OneSeal 中心服务器备份。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="59"/>
        <source>The manifest of %1 is cut off or damaged.</source>
        <translation>%1 的清单被截断或已损坏。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="63"/>
        <source>The manifest of %1 is damaged: %2</source>
        <translation>%1 的清单已损坏：%2</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="65"/>
        <source>%1 holds %2 bytes of database where its manifest says %3: the file is cut off or damaged.</source>
        <translation>%1 含 %2 字节数据库，而清单记载为 %3：文件被截断或已损坏。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="78"/>
        <location filename="../app/hub/HubBackup.cpp" line="253"/>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="85"/>
        <source>%1 could not be read whole.</source>
        <translation>无法完整读取 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="91"/>
        <source>The database in %1 does not match the SHA-256 of its manifest: the backup is damaged. Use another copy.</source>
        <translation>%1 中的数据库与清单中的 SHA-256 不符：备份已损坏。请使用另一份副本。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="105"/>
        <source>The backup does not open with this hub&apos;s key (%1).</source>
        <translation>该备份无法用本中心服务器的密钥打开（%1）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="108"/>
        <source>The backup&apos;s database fails SQLite&apos;s integrity check: %1</source>
        <translation>备份数据库未通过 SQLite 完整性检查：%1</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="112"/>
        <source>The backup does not hold a hub&apos;s database.</source>
        <translation>该备份不含中心服务器数据库。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="119"/>
        <source>The backup&apos;s database does not hold what its manifest says (%1 events through server_seq %2, where the manifest says %3 through %4).</source>
        <translation>备份数据库的内容与清单不符（实有 %1 条事件，至 server_seq %2；清单记载为 %3 条，至 %4）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="166"/>
        <source>format %1 is not known</source>
        <translation>未知格式 %1</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="169"/>
        <source>a field is missing or out of range</source>
        <translation>缺少字段或字段超出范围</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="191"/>
        <source>Give the backup file with --out.</source>
        <translation>请用 --out 指定备份文件。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="193"/>
        <source>%1 exists already; a backup never overwrites a file.</source>
        <translation>%1 已存在；备份从不覆盖文件。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="199"/>
        <source>There is no hub database in %1.</source>
        <translation>%1 中没有中心服务器数据库。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="225"/>
        <source>The hub has no generation yet; start it once (or run any hub command) first.</source>
        <translation>中心服务器尚无代次；请先启动一次中心服务器（或运行任一中心服务器命令）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="236"/>
        <source>The copy %1 cannot be read: %2</source>
        <translation>无法读取副本 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="177"/>
        <location filename="../app/hub/HubBackup.cpp" line="265"/>
        <location filename="../app/hub/HubBackup.cpp" line="297"/>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="271"/>
        <source>No temporary folder for the check: %1</source>
        <translation>无法为检查创建临时文件夹：%1</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="284"/>
        <source>The hub&apos;s folder %1 does not exist; create it and put the hub&apos;s key file hub.key in it first.</source>
        <translation>中心服务器文件夹 %1 不存在；请先创建该文件夹，并放入中心服务器密钥文件 hub.key。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="288"/>
        <source>The hub in %1 is running; stop it first (systemctl stop oneseal-hub). Nothing was changed.</source>
        <translation>%1 中的中心服务器正在运行；请先停止它（systemctl stop oneseal-hub）。未做任何更改。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="337"/>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="348"/>
        <source>%1 cannot be moved aside; nothing was restored.</source>
        <translation>无法将 %1 移开；未恢复任何内容。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubBackup.cpp" line="352"/>
        <source>%1 cannot be renamed to %2.</source>
        <translation>无法将 %1 重命名为 %2。</translation>
    </message>
</context>
<context>
    <name>HubLimits</name>
    <message>
        <location filename="../app/hub/HubLimits.cpp" line="21"/>
        <source>%1 cannot be read.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubLimits.cpp" line="35"/>
        <source>%1: [limits] %2 must be a whole number from %3 to %4.</source>
        <translation>%1：[limits] 中的 %2 必须是 %3 到 %4 之间的整数。</translation>
    </message>
</context>
<context>
    <name>HubRebuild</name>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="56"/>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="67"/>
        <source>The hub&apos;s keys cannot be read from %1 with this hub&apos;s key file (%2).</source>
        <translation>无法使用本中心服务器的密钥文件（%2）从 %1 读取中心服务器密钥。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="75"/>
        <source>%1 does not hold the hub&apos;s keys (%2 is missing).</source>
        <translation>%1 中没有中心服务器的密钥（缺少 %2）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="88"/>
        <source>Give the folder of the hub.</source>
        <translation>请指定中心服务器的文件夹。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="91"/>
        <source>This is a hub&apos;s database, not a workstation&apos;s replica; restore a backup instead.</source>
        <translation>这是中心服务器的数据库，不是工作站的副本；请改为恢复备份。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="97"/>
        <source>The replica has no hall or workstation name.</source>
        <translation>该副本没有大厅或工作站名称。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="99"/>
        <source>The folder %1 cannot be created.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="104"/>
        <source>A hub runs in %1; stop it first. Nothing was changed.</source>
        <translation>%1 中有中心服务器正在运行；请先停止它。未作任何更改。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="107"/>
        <source>%1 exists; a rebuild never replaces a hub&apos;s database. Move it aside first (keep it: its keys may still be read with --keys-from).</source>
        <translation>%1 已存在；重建绝不会替换中心服务器的数据库。请先将其移走（并保留：仍可通过 --keys-from 读取其中的密钥）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="121"/>
        <source>The hub&apos;s keys in %1 can only be read with its key file %2, which is not there.</source>
        <translation>%1 中的中心服务器密钥只能使用其密钥文件 %2 读取，但该文件不存在。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="130"/>
        <source>The key file %1 cannot be written.</source>
        <translation>无法写入密钥文件 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="141"/>
        <source>Nothing was kept.</source>
        <translation>未保留任何内容。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubRebuild.cpp" line="164"/>
        <source>The keys in %1 are the hub of &quot;%2&quot;, the replica is of &quot;%3&quot;.</source>
        <translation>%1 中的密钥属于“%2”的中心服务器，而该副本属于“%3”。</translation>
    </message>
</context>
<context>
    <name>HubStore</name>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="51"/>
        <source>Give the folder of the hub.</source>
        <translation>请指定中心服务器的文件夹。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="53"/>
        <source>Enter the name of the hall&apos;s bureau.</source>
        <translation>请输入大厅所属审批局的名称。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="61"/>
        <source>A hub already exists in %1; it was left as it is.</source>
        <translation>%1 中已存在中心服务器，未作任何改动。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="63"/>
        <source>The folder %1 cannot be created.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="80"/>
        <source>The key file %1 cannot be written.</source>
        <translation>无法写入密钥文件 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="165"/>
        <source>The hub&apos;s keys could not be created.</source>
        <translation>无法生成中心服务器的密钥。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="190"/>
        <source>The hub&apos;s key file %1 cannot be read (run oneseal-admin hub init first, and run the hub as the user that owns it).</source>
        <translation>无法读取中心服务器的密钥文件 %1（请先运行 oneseal-admin hub init，并以该文件所有者的用户身份运行中心服务器）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="196"/>
        <source>The hub&apos;s key file %1 may be read by others; allow its owner only (chmod 600).</source>
        <translation>中心服务器的密钥文件 %1 可被他人读取；请设为仅所有者可访问（chmod 600）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="205"/>
        <source>The hub&apos;s key file %1 does not hold a 256-bit key.</source>
        <translation>中心服务器的密钥文件 %1 中不是 256 位密钥。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="217"/>
        <source>There is no hub database in %1.</source>
        <translation>%1 中没有中心服务器数据库。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubStore.cpp" line="308"/>
        <source>This database is not a hub&apos;s (no certificate authority in it).</source>
        <translation>该数据库不是中心服务器数据库（其中没有证书颁发机构）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="44"/>
        <source>A code is valid for 1 hour to 30 days.</source>
        <translation>注册码的有效期为 1 小时至 30 天。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="46"/>
        <location filename="../app/hub/HubEnrollment.cpp" line="62"/>
        <source>The workstation name %1 cannot be used.</source>
        <translation>不能使用工作站名称 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="82"/>
        <source>No valid enrollment code matches (wrong, used or expired code, or the connection was intercepted).</source>
        <translation>没有匹配的有效注册码（注册码错误、已使用或已过期，或连接被截获）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="85"/>
        <source>This code is for workstation %1, not %2.</source>
        <translation>该注册码仅供工作站 %1 使用，而不是 %2。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="92"/>
        <source>Workstation %1 is enrolled already; revoke it first to enroll it again.</source>
        <translation>工作站 %1 已注册；如需重新注册，请先将其吊销。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="101"/>
        <source>The code was spent at the same moment by another workstation.</source>
        <translation>该注册码同时已被另一工作站使用。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="129"/>
        <source>The certificate to renew is not this workstation&apos;s.</source>
        <translation>要续期的证书不属于本工作站。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="131"/>
        <source>The certificate of workstation %1 is valid until %2; it is renewed only in its last %3 days.</source>
        <translation>工作站 %1 的证书有效期至 %2；只在最后 %3 天内续期。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="136"/>
        <source>A renewal needs a new public key.</source>
        <translation>续期需要新的公钥。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="160"/>
        <source>No workstation %1 is enrolled at this hub.</source>
        <translation>本中心服务器上没有已注册的工作站 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="162"/>
        <source>Workstation %1 is revoked already.</source>
        <translation>工作站 %1 已被吊销。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="163"/>
        <source>revoked by the administrator</source>
        <translation>由系统管理员吊销</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="173"/>
        <source>The certificate is not a workstation&apos;s.</source>
        <translation>该数字证书不属于工作站。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="176"/>
        <source>The certificate of workstation %1 was revoked: %2</source>
        <translation>工作站 %1 的数字证书已被吊销：%2</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="188"/>
        <source>adopted after a rebuild</source>
        <translation>重建后接管</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="189"/>
        <source>Workstation %1 could not be taken over after the rebuild: %2</source>
        <translation>重建后无法接管工作站 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="194"/>
        <location filename="../app/hub/HubEventLog.cpp" line="93"/>
        <source>Workstation %1 is not enrolled at this hub.</source>
        <translation>工作站 %1 未在本中心服务器注册。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="197"/>
        <source>Workstation %1 was revoked: %2</source>
        <translation>工作站 %1 已被吊销：%2</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEnrollment.cpp" line="199"/>
        <source>The certificate of workstation %1 was replaced by a newer one.</source>
        <translation>工作站 %1 的数字证书已被新证书取代。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEventLog.cpp" line="116"/>
        <source>Workstation %1 pushed event %2 of workstation %3; only its own events are accepted.</source>
        <translation>工作站 %1 推送了工作站 %3 的事件 %2；只接受工作站推送自身的事件。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEventLog.cpp" line="121"/>
        <source>Event %1 does not match its hash.</source>
        <translation>事件 %1 与其哈希值不符。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEventLog.cpp" line="129"/>
        <source>Event %1 was pushed again with other content.</source>
        <translation>事件 %1 被再次推送，但内容不同。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEventLog.cpp" line="138"/>
        <source>Event %1 carries a clock %2 hours ahead of the hub&apos;s; at most %3 hours are accepted. Correct this workstation&apos;s date and time: its events are sent once the hub&apos;s clock has caught up with them.</source>
        <translation>事件 %1 的时钟比中心服务器快 %2 小时；最多只接受快 %3 小时。请校正本工作站的日期和时间：待中心服务器的时钟赶上后，这些事件会被发送。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubEventLog.cpp" line="153"/>
        <source>Event %1 does not follow the last event the hub has from workstation %2 (its hash chain is broken or events are missing).</source>
        <translation>事件 %1 未接续中心服务器已有的工作站 %2 的最后一个事件（其哈希链断裂或有事件缺失）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubLeases.cpp" line="16"/>
        <source>There are no number blocks of kind %1.</source>
        <translation>没有类型为 %1 的号段。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubLeases.cpp" line="18"/>
        <source>A lease request needs an id.</source>
        <translation>号段申领请求必须有标识。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubLeases.cpp" line="28"/>
        <source>The lease request %1 belongs to another workstation or kind.</source>
        <translation>号段申领请求 %1 属于其他工作站或其他类型。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubLeases.cpp" line="61"/>
        <source>Workstation %1 reports numbers far beyond every block leased; ignored.</source>
        <translation>工作站 %1 报告的编号远超已租出的所有号段；已忽略。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="59"/>
        <location filename="../app/hub/HubUsers.cpp" line="95"/>
        <source>Unknown roles: %1</source>
        <translation>未知角色：%1</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="71"/>
        <location filename="../app/hub/HubUsers.cpp" line="101"/>
        <location filename="../app/hub/HubUsers.cpp" line="160"/>
        <source>There is no user %1 at this hub.</source>
        <translation>本中心服务器上没有用户 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="76"/>
        <source>An administrator cannot disable their own account.</source>
        <translation>管理员不能停用自己的账号。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="97"/>
        <source>Give the user at least one role.</source>
        <translation>请为该用户至少指定一个角色。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="106"/>
        <source>An administrator cannot take the administrator&apos;s role from themselves.</source>
        <translation>管理员不能撤销自己的管理员角色。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="111"/>
        <source>The hall must keep at least one enabled administrator.</source>
        <translation>大厅必须保留至少一名启用状态的管理员。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="162"/>
        <source>Only an administrator of this hub may reset a password.</source>
        <translation>只有本中心服务器的管理员可以重置密码。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="176"/>
        <source>The keys of the new password could not be made.</source>
        <translation>无法生成新密码的密钥。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="226"/>
        <source>Only an administrator of this hub may change what the hall requires.</source>
        <translation>只有本中心服务器的管理员可以更改大厅的要求。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="234"/>
        <source>These enabled users have no auth key and no signing key yet; their first login would be refused everywhere. Reset their passwords first (hub user-reset), or disable them: %1</source>
        <translation>以下启用的用户尚无认证密钥和签名密钥，其首次登录将被各处拒收。请先重置其密码（hub user-reset），或停用这些用户：%1</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="308"/>
        <source>This hub holds no seal key.</source>
        <translation>本中心服务器未持有印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="323"/>
        <source>There is no enabled user %1 at the hub.</source>
        <translation>中心服务器上没有已启用的用户 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="326"/>
        <source>The seal key is granted only to certificate operators, approvers and administrators; %1 is none of them.</source>
        <translation>印章密钥只能授权给制证员、审批人员和管理员；%1 均不是。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="331"/>
        <source>%1 has no signing key at the hub yet: let them log in once at a workstation, sync it, then grant again.</source>
        <translation>%1 在中心服务器上还没有签名密钥：请让其在工作站登录一次并同步，然后重新授权。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="339"/>
        <source>The seal key could not be sealed to the signing key of %1.</source>
        <translation>无法将印章密钥封装到 %1 的签名密钥。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubUsers.cpp" line="361"/>
        <source>%1 holds no grant of the seal key.</source>
        <translation>%1 未获印章密钥授权。</translation>
    </message>
</context>
<context>
    <name>IdCardData</name>
    <message>
        <location filename="../app/devices/IdCardData.cpp" line="97"/>
        <source>The card&apos;s ID number is not valid: %1</source>
        <translation>身份证号码无效：%1</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardData.cpp" line="99"/>
        <source>The card&apos;s birth date does not match its ID number.</source>
        <translation>身份证上的出生日期与身份证号码不符。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardData.cpp" line="102"/>
        <source>The card&apos;s sex does not match its ID number.</source>
        <translation>身份证上的性别与身份证号码不符。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardData.cpp" line="120"/>
        <source>The card&apos;s text is incomplete (%1 of 256 bytes).</source>
        <translation>身份证文字信息不完整（%1/256 字节）。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardData.cpp" line="134"/>
        <source>The card gave no name or no ID number.</source>
        <translation>身份证未提供姓名或身份证号码。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardData.cpp" line="136"/>
        <source>The card&apos;s birth date is not a date.</source>
        <translation>身份证上的出生日期不是有效日期。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardData.cpp" line="138"/>
        <source>The card&apos;s validity is not a date.</source>
        <translation>身份证上的有效期限不是有效日期。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardData.cpp" line="141"/>
        <source>The card&apos;s text holds characters that are not text.</source>
        <translation>身份证文字信息中含有非文本字符。</translation>
    </message>
</context>
<context>
    <name>Identifiers</name>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="67"/>
        <source>Enter the unified social credit code.</source>
        <translation>请输入统一社会信用代码。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/Identifiers.cpp" line="69"/>
        <source>The unified social credit code has %n character(s); it needs 18.</source>
        <translation>
            <numerusform>统一社会信用代码为%n位，应为18位。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="76"/>
        <source>Character %1 of the unified social credit code is “%2”: the letters I, O, S, V and Z are never used (perhaps 1, 0, 5, U or 2?).</source>
        <translation>统一社会信用代码第%1位为“%2”：代码中不使用字母 I、O、S、V、Z（是否应为 1、0、5、U 或 2？）。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="81"/>
        <source>Character %1 of the unified social credit code is “%2”: only digits and capital letters are allowed.</source>
        <translation>统一社会信用代码第%1位为“%2”：只允许使用数字和大写字母。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="89"/>
        <source>The last character of the unified social credit code should be %1 but is %2: a character was probably mistyped.</source>
        <translation>统一社会信用代码的最后一位应为 %1，实为 %2：可能有字符输入错误。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="182"/>
        <source>Enter the resident ID number.</source>
        <translation>请输入居民身份证号码。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/Identifiers.cpp" line="184"/>
        <source>The resident ID number has %n character(s); it needs 18.</source>
        <translation>
            <numerusform>居民身份证号码为%n位，应为18位。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="188"/>
        <source>Character %1 of the resident ID number is “%2”: the first 17 characters must be digits.</source>
        <translation>居民身份证号码第%1位为“%2”：前17位必须为数字。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="196"/>
        <source>The last character of the resident ID number is “%1”: it must be a digit or X.</source>
        <translation>居民身份证号码最后一位为“%1”：必须为数字或 X。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="203"/>
        <source>Characters 7–14 of the resident ID number (%1) are not a real date of birth.</source>
        <translation>居民身份证号码第7至14位（%1）不是有效的出生日期。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="208"/>
        <source>The date of birth in the resident ID number (%1) is before 1900.</source>
        <translation>居民身份证号码中的出生日期（%1）早于1900年。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="212"/>
        <source>The date of birth in the resident ID number (%1) is in the future.</source>
        <translation>居民身份证号码中的出生日期（%1）晚于今天。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="218"/>
        <source>The last character of the resident ID number should be %1 but is %2: a digit was probably mistyped.</source>
        <translation>居民身份证号码的最后一位应为 %1，实为 %2：可能有数字输入错误。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="235"/>
        <source>Enter the electronic licence identifier.</source>
        <translation>请输入电子证照标识。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="237"/>
        <source>An electronic licence identifier starts with 1.2.156.3005.2 (the root code of electronic licences).</source>
        <translation>电子证照标识以 1.2.156.3005.2（电子证照根代码）开头。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/Identifiers.cpp" line="242"/>
        <source>After 1.2.156.3005.2 an electronic licence identifier has five parts separated by dots (type code, issuer code, serial number, version, check character); this one has %n.</source>
        <translation>
            <numerusform>电子证照标识在 1.2.156.3005.2 之后应有以点分隔的五个部分（证照类型代码、颁发机构代码、流水号、版本号、校验位），此标识有%n个部分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/Identifiers.cpp" line="253"/>
        <source>The licence type code has %n character(s); it needs 21 (a unified social credit code and a 3-digit number).</source>
        <translation>
            <numerusform>证照类型代码为%n位，应为21位（统一社会信用代码加3位数字）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="259"/>
        <source>The licence type code does not start with a valid unified social credit code: %1</source>
        <translation>证照类型代码的开头不是有效的统一社会信用代码：%1</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="265"/>
        <source>The licence type code must end with 3 digits.</source>
        <translation>证照类型代码必须以3位数字结尾。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="270"/>
        <source>The issuer code of the licence identifier is wrong: %1</source>
        <translation>证照标识中的颁发机构代码有误：%1</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="275"/>
        <source>The serial number of the licence identifier is missing.</source>
        <translation>证照标识缺少流水号。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="278"/>
        <source>Character %1 of the licence serial number is “%2”: only digits and capital letters are allowed.</source>
        <translation>证照流水号第%1位为“%2”：只允许使用数字和大写字母。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="289"/>
        <source>The version of the licence identifier is “%1”: it must be 3 digits, such as 001.</source>
        <translation>证照标识的版本号为“%1”：必须为3位数字，如 001。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="296"/>
        <source>The licence identifier must end with one check character (%1 here), not “%2”.</source>
        <translation>证照标识必须以一位校验位结尾（此处应为 %1），而不是“%2”。</translation>
    </message>
    <message>
        <location filename="../app/core/Identifiers.cpp" line="302"/>
        <source>The check character of the licence identifier should be %1 but is %2: a character was probably mistyped.</source>
        <translation>证照标识的校验位应为 %1，实为 %2：可能有字符输入错误。</translation>
    </message>
</context>
<context>
    <name>InspectionDialog</name>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="6"/>
        <source>Site inspection</source>
        <translation>现场勘验</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="23"/>
        <source>Ma&amp;tter of the bundle:</source>
        <translation>“一件事”中的事项(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="36"/>
        <source>Schedule the visit</source>
        <translation>安排勘验</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="40"/>
        <source>&amp;Day of the visit:</source>
        <translation>勘验日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="52"/>
        <source>&amp;Inspectors (two or more; Space ticks):</source>
        <translation>勘验人员（两名及以上；按空格键勾选）(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="63"/>
        <source>Co&amp;mbine with (nearby or same kind):</source>
        <translation>合并勘验（就近或同类办件）(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="74"/>
        <source>&amp;Schedule visit</source>
        <translation>安排勘验(&amp;S)</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="82"/>
        <source>Result</source>
        <translation>勘验结果</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="86"/>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="98"/>
        <source>Evidence files:</source>
        <translation>证据文件：</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="108"/>
        <source>&amp;Add photo or video…</source>
        <translation>添加照片或视频(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="113"/>
        <source>Rectify &amp;by:</source>
        <translation>整改期限(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="127"/>
        <source>&amp;Passed</source>
        <translation>合格(&amp;P)</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="132"/>
        <source>&amp;Failed</source>
        <translation>不合格(&amp;F)</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="137"/>
        <source>Require &amp;rectification</source>
        <translation>限期整改(&amp;R)</translation>
    </message>
    <message>
        <location filename="../forms/InspectionDialog.ui" line="142"/>
        <source>Close rectification from &amp;evidence</source>
        <translation>凭证据确认整改完成(&amp;E)</translation>
    </message>
</context>
<context>
    <name>InspectionService</name>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="42"/>
        <source>Choose the case or cases to visit.</source>
        <translation>请选择要勘验的办件。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="44"/>
        <source>One visit may combine at most %1 cases.</source>
        <translation>一次勘验最多可合并%1个办件。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="46"/>
        <source>A case is listed twice for the same visit.</source>
        <translation>同一次勘验中有办件被重复列出。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="48"/>
        <source>Choose the day of the visit: today or later.</source>
        <translation>请选择勘验日期：今天或以后的日期。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="50"/>
        <source>The visit must be within a year.</source>
        <translation>勘验日期必须在一年之内。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="59"/>
        <source>Each person sent on site must be an active inspector.</source>
        <translation>派往现场的人员必须均为已启用的勘验人员。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="71"/>
        <source>Case %1 is a bundle: schedule its visits from the case itself, not combined into another case&apos;s visit.</source>
        <translation>办件 %1 是“一件事”办件：请从该办件本身安排勘验，不要合并到其他办件的勘验中。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="75"/>
        <source>Case %1 is a bundle: choose the matter to visit.</source>
        <translation>办件 %1 是“一件事”办件：请选择要勘验的事项。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="86"/>
        <source>Case %1: %2</source>
        <translation>办件 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="131"/>
        <source>The catalog version %1 of case %2 is missing.</source>
        <translation>缺少办件 %2 的事项目录版本 %1。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="135"/>
        <source>%1 is not a matter of case %2.</source>
        <translation>%1 不是办件 %2 的事项。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="138"/>
        <source>%1 and %2 are inspected on separate visits (the catalog combines only the matters of one group).</source>
        <translation>%1 和 %2 须分别勘验（事项目录只合并同一组内的事项）。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="149"/>
        <source>Choose the matter to visit.</source>
        <translation>请选择要勘验的事项。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="163"/>
        <source>No site visit of case %1 is waiting for its result.</source>
        <translation>办件 %1 没有待录入结果的现场勘验。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="193"/>
        <source>inspection notes</source>
        <translation>勘验意见</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="237"/>
        <source>things to rectify</source>
        <translation>整改事项</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="241"/>
        <source>The rectification deadline must be after today.</source>
        <translation>整改期限必须晚于今天。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="243"/>
        <source>The rectification deadline must be within a year.</source>
        <translation>整改期限必须在一年之内。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="246"/>
        <source>rectification</source>
        <translation>整改</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="280"/>
        <source>Attach the photos or videos that show the rectification.</source>
        <translation>请附上反映整改情况的照片或视频。</translation>
    </message>
    <message>
        <location filename="../app/services/InspectionService.cpp" line="283"/>
        <source>notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>IntakeRules</name>
    <message>
        <location filename="../app/core/Intake.cpp" line="159"/>
        <source>Choose the matter or bundle first.</source>
        <translation>请先选择事项或“一件事”套餐。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="161"/>
        <source>note on &quot;%1&quot;</source>
        <translation>“%1”的备注</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="165"/>
        <source>Enter how many copies of &quot;%1&quot; were received (1 to 99).</source>
        <translation>请输入“%1”的收取份数（1至99）。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="169"/>
        <source>A refusal must state its reasons (Administrative Licensing Law, art. 38).</source>
        <translation>不予受理必须说明理由（《行政许可法》第三十八条）。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="171"/>
        <source>reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="177"/>
        <source>&quot;%1&quot; has not been checked yet: mark it received, missing, deferred, not applicable or obtained from shared data.</source>
        <translation>“%1”尚未核对：请标记为已收取、缺失、容缺、不适用或共享获取。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="182"/>
        <source>&quot;%1&quot; is required and cannot be marked not applicable.</source>
        <translation>“%1”为必要材料，不能标记为不适用。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="186"/>
        <source>A one-time notice lists what is missing or wrong: mark at least one material missing.</source>
        <translation>一次性告知须列明缺少或有误的材料：请至少将一项材料标记为缺失。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="192"/>
        <source>&quot;%1&quot; does not allow commitment-based acceptance.</source>
        <translation>“%1”不适用告知承诺受理。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="195"/>
        <source>Commitment-based acceptance does not defer materials; mark &quot;%1&quot; missing (covered by the pledge) or received.</source>
        <translation>告知承诺受理不涉及容缺材料：请将“%1”标记为缺失（由承诺书涵盖）或已收取。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="203"/>
        <source>&quot;%1&quot; is missing: give a one-time notice instead, or defer it if the matter allows.</source>
        <translation>“%1”缺失：请改为出具一次性告知；如事项允许，也可作容缺处理。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="209"/>
        <source>Accepting with deferred materials needs at least one deferred material.</source>
        <translation>容缺受理至少需要一项容缺材料。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="214"/>
        <source>&quot;%1&quot; cannot be deferred: only materials marked deferrable in the catalog can.</source>
        <translation>“%1”不能容缺：只有事项目录中标记为可容缺的材料才能容缺。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="217"/>
        <source>&quot;%1&quot; does not allow deferred materials.</source>
        <translation>“%1”不允许容缺受理。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="219"/>
        <source>Give the date by which &quot;%1&quot; must be supplied.</source>
        <translation>请填写“%1”的补交截止日期。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="221"/>
        <source>The due date of &quot;%1&quot; is in the past.</source>
        <translation>“%1”的补交截止日期早于今天。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="223"/>
        <source>The due date of &quot;%1&quot; (%2) is after the promised completion date (%3).</source>
        <translation>“%1”的补交截止日期（%2）晚于承诺办结日期（%3）。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="229"/>
        <source>Some materials are deferred: choose &quot;Accept with deferred materials&quot;.</source>
        <translation>有材料标记为容缺：请选择“容缺受理”。</translation>
    </message>
    <message>
        <location filename="../app/core/Intake.cpp" line="233"/>
        <source>&quot;%1&quot; is not an instant matter (即办件).</source>
        <translation>“%1”不是即办件。</translation>
    </message>
</context>
<context>
    <name>IntakeService</name>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="37"/>
        <source>No catalog of matters is loaded at this hall. Ask the administrator to import one (oneseal-admin catalog-import).</source>
        <translation>本大厅尚未加载事项目录，请联系系统管理员导入（oneseal-admin catalog-import）。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="212"/>
        <source>Choose a matter or bundle from the catalog.</source>
        <translation>请从事项目录中选择事项或“一件事”套餐。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="121"/>
        <location filename="../app/services/IntakeService.cpp" line="131"/>
        <source>The checklist does not match the matter; choose the matter again.</source>
        <translation>材料清单与事项不符，请重新选择事项。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="247"/>
        <source>%1 was already accepted today for this applicant as case %2. Confirm to accept it again.</source>
        <translation>该申请人今天已受理过“%1”（办件 %2）。请确认是否再次受理。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="320"/>
        <source>The queue ticket is not valid: %1</source>
        <translation>排队号无效：%1</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="346"/>
        <source>Too many declared values (at most %1).</source>
        <translation>申报值过多（最多 %1 项）。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="355"/>
        <source>%1 is not a declared field of a matter of %2.</source>
        <translation>%1 不是%2中任何事项的申报字段。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="357"/>
        <source>%1 of %2 must be one of: %3.</source>
        <translation>%2的%1必须为以下之一：%3。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="360"/>
        <source>%1 of %2 is declared twice.</source>
        <translation>%2的%1重复申报。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="369"/>
        <source>The file %1 is empty.</source>
        <translation>文件 %1 为空。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="371"/>
        <source>The file %1 is larger than 20 MB; scan it at a lower resolution.</source>
        <translation>文件 %1 超过 20 MB，请降低分辨率重新扫描。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="373"/>
        <source>The file %1 is neither an image nor a PDF.</source>
        <translation>文件 %1 既不是图片，也不是 PDF。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="374"/>
        <source>file name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="413"/>
        <source>There is no such case.</source>
        <translation>不存在该办件。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="416"/>
        <source>Case %1 is closed; materials can no longer be added to it.</source>
        <translation>办件 %1 已结束，不能再添加材料。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="420"/>
        <source>Case %1 has no material with the code %2.</source>
        <translation>办件 %1 中没有编码为 %2 的材料。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="422"/>
        <source>&quot;%1&quot; is not owed.</source>
        <translation>“%1”无需补交。</translation>
    </message>
    <message>
        <location filename="../app/services/IntakeService.cpp" line="424"/>
        <source>Give the number of copies handed in (1 to 100).</source>
        <translation>请填写提交的份数（1至100）。</translation>
    </message>
</context>
<context>
    <name>IntakeWorkbench</name>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="17"/>
        <source>Matter or bundle</source>
        <translation>事项或“一件事”套餐</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="23"/>
        <source>&amp;Search (F2):</source>
        <translation>搜索(&amp;S)（F2）：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="29"/>
        <source>name, code, keyword or pinyin initials</source>
        <translation>名称、编码、关键词或拼音首字母</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="51"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="58"/>
        <source>&amp;ID number / credit code (F3):</source>
        <translation>证件号码/统一社会信用代码（F3）(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="74"/>
        <source>&amp;Name:</source>
        <translation>姓名/名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="83"/>
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="92"/>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="101"/>
        <source>Se&amp;x:</source>
        <translation>性别(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="111"/>
        <source>男/女</source>
        <translation>男/女</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="116"/>
        <source>&amp;Ethnicity:</source>
        <translation>民族(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="128"/>
        <source>&amp;Birth date:</source>
        <translation>出生日期(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="135"/>
        <location filename="../forms/IntakeWorkbench.ui" line="160"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="142"/>
        <source>Issuing au&amp;thority:</source>
        <translation>签发机关(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="151"/>
        <source>Card valid fr&amp;om:</source>
        <translation>有效期限自(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="165"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="172"/>
        <source>YYYY-MM-DD or 长期</source>
        <translation>YYYY-MM-DD 或 长期</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="179"/>
        <source>&amp;Legal representative:</source>
        <translation>法定代表人(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="188"/>
        <source>An a&amp;gent (代理人) applies for them</source>
        <translation>由代理人代为申请(&amp;G)</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="193"/>
        <source>Agent&apos;s na&amp;me:</source>
        <translation>代理人姓名(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="202"/>
        <source>Agent&apos;s ID n&amp;umber:</source>
        <translation>代理人证件号码(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="211"/>
        <source>Owed materials (容缺) of this applicant: Enter records the arrival and prints its receipt, Ctrl+O attaches its scan first.</source>
        <translation>该申请人的容缺材料：按 Enter 登记送达并打印收件凭证，按 Ctrl+O 先附上扫描件。</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="227"/>
        <source>Record arrival and print receipt</source>
        <translation>登记送达并打印收件凭证</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="238"/>
        <source>Checklist (F4)</source>
        <translation>材料清单（F4）</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="252"/>
        <source>Keys: R received · M missing · D deferred · N not applicable · S shared data · A every unchecked one received · O original/copy · + / − copies · Enter edits the note, copies or due date</source>
        <translation>按键：R 已收 · M 缺少 · D 容缺 · N 不适用 · S 共享数据 · A 所有未勾选的均已收 · O 原件/复印件 · + / − 份数 · Enter 编辑备注、份数或补交期限</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="259"/>
        <source>Attach sc&amp;an…</source>
        <translation>附加扫描件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="264"/>
        <source>&amp;View scans…</source>
        <translation>查看扫描件(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="274"/>
        <source>Outcome</source>
        <translation>受理结果</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="280"/>
        <source>Reasons / &amp;remarks:</source>
        <translation>理由/备注(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="294"/>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="295"/>
        <source>Accept, materials deferred</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="296"/>
        <source>Commitment-based</source>
        <translation>告知承诺受理</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="297"/>
        <source>One-time notice</source>
        <translation>一次性告知</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="298"/>
        <source>Refuse</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="299"/>
        <source>Complete instantly</source>
        <translation>即时办结</translation>
    </message>
    <message>
        <location filename="../forms/IntakeWorkbench.ui" line="300"/>
        <source>New intake</source>
        <translation>新建受理</translation>
    </message>
</context>
<context>
    <name>KeyRing</name>
    <message>
        <location filename="../db/KeyRing.cpp" line="46"/>
        <source>No key ring was found at %1: this is not a OneSeal hall database.</source>
        <translation>在 %1 未找到密钥环：这不是 OneSeal 大厅数据库。</translation>
    </message>
    <message>
        <location filename="../db/KeyRing.cpp" line="54"/>
        <source>The key ring %1 is damaged or of an unknown format.</source>
        <translation>密钥环 %1 已损坏或格式未知。</translation>
    </message>
    <message>
        <location filename="../db/KeyRing.cpp" line="154"/>
        <source>Unable to write the key ring %1: %2</source>
        <translation>无法写入密钥环 %1：%2</translation>
    </message>
</context>
<context>
    <name>KeySlotService</name>
    <message>
        <location filename="../app/services/KeySlotService.cpp" line="38"/>
        <source>The slot key of user %1 is damaged; no key slot was made for them.</source>
        <translation>用户 %1 的密钥槽密钥已损坏；未为其创建密钥槽。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../forms/LoginDialog.ui" line="6"/>
        <source>OneSeal — Log in</source>
        <translation>OneSeal — 登录</translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="10"/>
        <source>OneSeal</source>
        <translation>OneSeal</translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="17"/>
        <source>Log in with your user name and password.</source>
        <translation>请输入用户名和密码登录。</translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="25"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="36"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../forms/MainWindow.ui" line="6"/>
        <source>OneSeal</source>
        <translation>OneSeal</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="13"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="23"/>
        <source>Recent &amp;events at this workstation:</source>
        <translation>本工作站近期事件(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="41"/>
        <source>The workstation is locked.</source>
        <translation>工作站已锁定。</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="54"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="66"/>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="71"/>
        <source>S&amp;upervision</source>
        <translation>监督(&amp;U)</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="75"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="87"/>
        <source>&amp;Export bundle for the hub…</source>
        <translation>导出发往中心服务器的离线数据包(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="90"/>
        <source>&amp;Import bundle from the hub…</source>
        <translation>导入中心服务器的离线数据包(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="93"/>
        <source>&amp;Lock workstation</source>
        <translation>锁定工作站(&amp;L)</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="94"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="97"/>
        <source>Log &amp;out</source>
        <translation>注销(&amp;O)</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="98"/>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="101"/>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="104"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="107"/>
        <source>&amp;Queue report…</source>
        <translation>排队报表(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="108"/>
        <source>Ctrl+Shift+Q</source>
        <translation>Ctrl+Shift+Q</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="111"/>
        <source>Counter &amp;devices…</source>
        <translation>窗口设备(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="114"/>
        <source>Printer &amp;calibration…</source>
        <translation>打印机校准(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="117"/>
        <source>Seal &amp;key and users…</source>
        <translation>印章密钥和用户(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="120"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="121"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="124"/>
        <source>&amp;Verify a certificate…</source>
        <translation>验证证照(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="125"/>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="128"/>
        <source>&amp;About OneSeal</source>
        <translation>关于 OneSeal(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MatterChoice</name>
    <message>
        <location filename="../app/ui/MatterChoice.cpp" line="13"/>
        <source>not reviewed</source>
        <translation>未审查</translation>
    </message>
    <message>
        <location filename="../app/ui/MatterChoice.cpp" line="14"/>
        <source>review passed</source>
        <translation>审查通过</translation>
    </message>
    <message>
        <location filename="../app/ui/MatterChoice.cpp" line="15"/>
        <source>refusal proposed</source>
        <translation>已建议不予许可</translation>
    </message>
    <message>
        <location filename="../app/ui/MatterChoice.cpp" line="18"/>
        <source>visit scheduled</source>
        <translation>已安排勘验</translation>
    </message>
    <message>
        <location filename="../app/ui/MatterChoice.cpp" line="20"/>
        <source>inspection passed</source>
        <translation>勘验合格</translation>
    </message>
    <message>
        <location filename="../app/ui/MatterChoice.cpp" line="22"/>
        <source>inspection failed</source>
        <translation>勘验不合格</translation>
    </message>
    <message>
        <location filename="../app/ui/MatterChoice.cpp" line="24"/>
        <source>rectification open</source>
        <translation>整改中</translation>
    </message>
    <message>
        <location filename="../app/ui/MatterChoice.cpp" line="26"/>
        <source>waits for a visit</source>
        <translation>待勘验</translation>
    </message>
    <message>
        <location filename="../app/ui/MatterChoice.cpp" line="29"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>MemoryOutput</name>
    <message>
        <location filename="../app/print/MemoryOutput.cpp" line="20"/>
        <source>Cannot make a temporary folder: %1</source>
        <translation>无法创建临时文件夹：%1</translation>
    </message>
    <message>
        <location filename="../app/print/MemoryOutput.cpp" line="32"/>
        <source>Cannot read the printed document back: %1</source>
        <translation>无法读回已打印的文书：%1</translation>
    </message>
</context>
<context>
    <name>NumberBlocks</name>
    <message>
        <location filename="../db/IntakeRepository.cpp" line="383"/>
        <source>A number block must run from 1 upwards.</source>
        <translation>号段必须从1开始。</translation>
    </message>
    <message>
        <location filename="../db/IntakeRepository.cpp" line="393"/>
        <source>The number block %1–%2 overlaps one this workstation already holds.</source>
        <translation>号段 %1–%2 与本工作站已持有的号段重叠。</translation>
    </message>
    <message>
        <location filename="../db/IntakeRepository.cpp" line="418"/>
        <source>This workstation has no %1 numbers left. Connect to the hall&apos;s hub so that it can lease a new block.</source>
        <translation>本工作站的 %1 编号已用完。请连接大厅中心服务器，以便申领新的号段。</translation>
    </message>
</context>
<context>
    <name>OneSealAdmin</name>
    <message>
        <location filename="../app/cli/Console.cpp" line="34"/>
        <source>oneseal-admin: %1</source>
        <translation>oneseal-admin：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/Console.cpp" line="82"/>
        <source>The hall database file.</source>
        <translation>大厅数据库文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/Console.cpp" line="82"/>
        <location filename="../app/cli/SyncCommands.cpp" line="743"/>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../app/cli/Console.cpp" line="88"/>
        <source>The administrator&apos;s user name (password on standard input).</source>
        <translation>系统管理员用户名（密码从标准输入读取）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="57"/>
        <location filename="../app/cli/AdminCommands.cpp" line="111"/>
        <location filename="../app/cli/AdminCommands.cpp" line="140"/>
        <location filename="../app/cli/AdminCommands.cpp" line="168"/>
        <location filename="../app/cli/Console.cpp" line="89"/>
        <location filename="../app/cli/SyncCommands.cpp" line="83"/>
        <location filename="../app/cli/SyncCommands.cpp" line="163"/>
        <location filename="../app/cli/SyncCommands.cpp" line="187"/>
        <location filename="../app/cli/SyncCommands.cpp" line="319"/>
        <location filename="../app/cli/SyncCommands.cpp" line="362"/>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="56"/>
        <source>The bureau&apos;s name (on the seal).</source>
        <translation>审批局名称（用于印章）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="56"/>
        <location filename="../app/cli/AdminCommands.cpp" line="59"/>
        <location filename="../app/cli/AdminCommands.cpp" line="112"/>
        <location filename="../app/cli/AdminCommands.cpp" line="639"/>
        <location filename="../app/cli/SyncCommands.cpp" line="81"/>
        <location filename="../app/cli/SyncCommands.cpp" line="85"/>
        <location filename="../app/cli/SyncCommands.cpp" line="164"/>
        <location filename="../app/cli/SyncCommands.cpp" line="286"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="57"/>
        <location filename="../app/cli/SyncCommands.cpp" line="82"/>
        <source>The first administrator&apos;s user name.</source>
        <translation>首个系统管理员的用户名。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="59"/>
        <location filename="../app/cli/SyncCommands.cpp" line="84"/>
        <source>The administrator&apos;s full name.</source>
        <translation>系统管理员的姓名。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="60"/>
        <source>This workstation&apos;s id.</source>
        <translation>本工作站的标识。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="60"/>
        <location filename="../app/cli/SyncCommands.cpp" line="125"/>
        <location filename="../app/cli/SyncCommands.cpp" line="146"/>
        <location filename="../app/cli/SyncCommands.cpp" line="747"/>
        <source>id</source>
        <translation>标识</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="62"/>
        <source>The workstation will sync with a hub (which leases its numbers).</source>
        <translation>本工作站将与中心服务器同步（由中心服务器分配编号号段）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="64"/>
        <source>Creates a hall database, its key ring and its first administrator.
The password is read twice from standard input.</source>
        <translation>创建大厅数据库、密钥环及首个系统管理员。
密码从标准输入读取两次。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="74"/>
        <location filename="../app/cli/SyncCommands.cpp" line="108"/>
        <source>New administrator password: </source>
        <translation>新系统管理员密码：</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="75"/>
        <location filename="../app/cli/SyncCommands.cpp" line="109"/>
        <source>Repeat the password: </source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="76"/>
        <location filename="../app/cli/SyncCommands.cpp" line="110"/>
        <source>The two passwords differ; nothing was created.</source>
        <translation>两次输入的密码不一致，未创建任何内容。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="81"/>
        <source>Created the hall database %1.</source>
        <translation>已创建大厅数据库 %1。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="89"/>
        <source>Do nothing when the database exists.</source>
        <translation>数据库已存在时不执行任何操作。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="91"/>
        <source>Creates the demo hall (users listed in the README).</source>
        <translation>创建演示大厅（演示用户见 README）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="94"/>
        <source>The demo hall %1 is already there.</source>
        <translation>演示大厅 %1 已存在。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="100"/>
        <source>Created the demo hall %1. Every demo user&apos;s password is %2.</source>
        <translation>已创建演示大厅 %1。所有演示用户的密码均为 %2。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="111"/>
        <location filename="../app/cli/SyncCommands.cpp" line="162"/>
        <source>The new user&apos;s user name.</source>
        <translation>新用户的用户名。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="112"/>
        <location filename="../app/cli/SyncCommands.cpp" line="164"/>
        <source>The new user&apos;s full name.</source>
        <translation>新用户的姓名。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="114"/>
        <location filename="../app/cli/AdminCommands.cpp" line="142"/>
        <source>Roles, comma separated: intake, review, inspection, approval, certificate, supervisor, admin.</source>
        <translation>角色，以英文逗号分隔：intake（受理）、review（审查）、inspection（勘验）、approval（审批）、certificate（制证发证）、supervisor（监督）、admin（系统管理）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="116"/>
        <location filename="../app/cli/AdminCommands.cpp" line="144"/>
        <location filename="../app/cli/SyncCommands.cpp" line="166"/>
        <location filename="../app/cli/SyncCommands.cpp" line="364"/>
        <source>roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="118"/>
        <source>Adds a user. Reads the administrator&apos;s password, then the new user&apos;s, from standard input.</source>
        <translation>添加用户。先从标准输入读取系统管理员密码，再读取新用户的密码。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="123"/>
        <location filename="../app/cli/AdminCommands.cpp" line="152"/>
        <source>Unknown role(s): %1</source>
        <translation>未知角色：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="125"/>
        <location filename="../app/cli/AdminCommands.cpp" line="154"/>
        <location filename="../app/cli/AdminCommands.cpp" line="178"/>
        <location filename="../app/cli/AdminCommands.cpp" line="204"/>
        <location filename="../app/cli/AdminCommands.cpp" line="224"/>
        <location filename="../app/cli/AdminCommands.cpp" line="275"/>
        <location filename="../app/cli/AdminCommands.cpp" line="312"/>
        <location filename="../app/cli/AdminCommands.cpp" line="935"/>
        <location filename="../app/cli/SyncCommands.cpp" line="65"/>
        <source>Administrator password: </source>
        <translation>系统管理员密码：</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="129"/>
        <source>New user&apos;s password: </source>
        <translation>新用户密码：</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="131"/>
        <source>Added the user %1.</source>
        <translation>已添加用户 %1。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="146"/>
        <source>Changes a user&apos;s roles at a hall without a hub (at a hub: hub user-roles). Reads the administrator&apos;s password from standard input.</source>
        <translation>在没有中心服务器的大厅更改用户角色（有中心服务器时请用 hub user-roles）。从标准输入读取管理员密码。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="159"/>
        <location filename="../app/cli/SyncCommands.cpp" line="375"/>
        <source>The roles of %1 are now: %2.</source>
        <translation>%1 的角色现为：%2。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="170"/>
        <source>Sets a new password for a user who forgot theirs, at a hall without a hub (at a hub: hub user-reset): their signing key ends; they change the password at their next login.
Reads the administrator&apos;s password, then the user&apos;s new password.</source>
        <translation>在没有中心服务器的大厅为忘记密码的用户设置新密码（有中心服务器时请用 hub user-reset）：其签名密钥随即终止；用户须在下次登录时修改密码。
先读取管理员密码，再读取该用户的新密码。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="185"/>
        <source>The password of %1 is reset; they must change it at their next login.</source>
        <translation>%1 的密码已重置，须在下次登录时修改。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="188"/>
        <source>%1 held the hall&apos;s seal key: that grant can no longer be opened. Grant it again (seal-key grant) after their next login.</source>
        <translation>%1 持有大厅的印章密钥：该授权已无法打开。请在其下次登录后重新授予（seal-key grant）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="201"/>
        <source>Prints the raw database key (64 hex digits) for disaster recovery.</source>
        <translation>输出原始数据库密钥（64位十六进制数），用于灾难恢复。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="217"/>
        <source>Where to write the unencrypted copy.</source>
        <translation>未加密副本的写入位置。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="217"/>
        <location filename="../app/cli/AdminCommands.cpp" line="334"/>
        <location filename="../app/cli/AdminCommands.cpp" line="418"/>
        <location filename="../app/cli/AdminCommands.cpp" line="531"/>
        <location filename="../app/cli/AdminCommands.cpp" line="634"/>
        <location filename="../app/cli/AdminCommands.cpp" line="636"/>
        <location filename="../app/cli/AdminCommands.cpp" line="637"/>
        <location filename="../app/cli/AdminCommands.cpp" line="762"/>
        <location filename="../app/cli/AdminCommands.cpp" line="763"/>
        <location filename="../app/cli/AdminCommands.cpp" line="765"/>
        <location filename="../app/cli/AdminCommands.cpp" line="775"/>
        <location filename="../app/cli/SyncCommands.cpp" line="476"/>
        <location filename="../app/cli/SyncCommands.cpp" line="544"/>
        <location filename="../app/cli/SyncCommands.cpp" line="549"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="219"/>
        <source>Writes an unencrypted copy of the hall database for disaster recovery.</source>
        <translation>写出大厅数据库的未加密副本，用于灾难恢复。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="222"/>
        <source>Say where to write the copy with --out.</source>
        <translation>请用 --out 指定副本的写入位置。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="231"/>
        <source>Wrote an UNENCRYPTED copy to %1. Keep it locked away and delete it when done.</source>
        <translation>已将【未加密】副本写入 %1。请加锁妥善保管，用毕即行删除。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="242"/>
        <source>Shows the hall, the workstation, the schema version and the number of events.</source>
        <translation>显示大厅、工作站、数据库结构版本和事件数量。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="245"/>
        <location filename="../app/cli/AdminCommands.cpp" line="339"/>
        <location filename="../app/cli/AdminCommands.cpp" line="366"/>
        <location filename="../app/cli/AdminCommands.cpp" line="438"/>
        <location filename="../app/cli/AdminCommands.cpp" line="472"/>
        <location filename="../app/cli/AdminCommands.cpp" line="511"/>
        <location filename="../app/cli/AdminCommands.cpp" line="540"/>
        <location filename="../app/cli/AdminCommands.cpp" line="679"/>
        <location filename="../app/cli/AdminCommands.cpp" line="815"/>
        <location filename="../app/cli/SyncCommands.cpp" line="619"/>
        <source>Password: </source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="248"/>
        <location filename="../app/cli/SyncCommands.cpp" line="444"/>
        <source>Hall: %1</source>
        <translation>大厅：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="249"/>
        <source>Workstation: %1</source>
        <translation>工作站：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="250"/>
        <source>Schema version: %1</source>
        <translation>数据库结构版本：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="251"/>
        <source>Events: %1</source>
        <translation>事件数：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="255"/>
        <source>Holiday calendar years: %1</source>
        <translation>节假日日历年份：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="265"/>
        <source>The catalog JSON file (format: docs/CATALOG.md).</source>
        <translation>事项目录 JSON 文件（格式见 docs/CATALOG.md）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="266"/>
        <source>Imports a new version of the catalog of matters, materials and bundles.</source>
        <translation>导入新版本的事项目录（含事项、材料和“一件事”套餐）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="269"/>
        <location filename="../app/cli/SyncCommands.cpp" line="389"/>
        <source>Name one catalog file.</source>
        <translation>请指定一个事项目录文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="272"/>
        <location filename="../app/cli/AdminCommands.cpp" line="304"/>
        <location filename="../app/cli/AdminCommands.cpp" line="606"/>
        <location filename="../app/cli/AdminCommands.cpp" line="656"/>
        <location filename="../app/cli/AdminCommands.cpp" line="827"/>
        <location filename="../app/cli/SyncCommands.cpp" line="392"/>
        <location filename="../app/cli/SyncCommands.cpp" line="416"/>
        <source>Unable to read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="280"/>
        <location filename="../app/cli/AdminCommands.cpp" line="317"/>
        <location filename="../app/cli/AdminCommands.cpp" line="615"/>
        <location filename="../app/cli/AdminCommands.cpp" line="622"/>
        <location filename="../app/cli/AdminCommands.cpp" line="662"/>
        <location filename="../app/cli/SyncCommands.cpp" line="399"/>
        <location filename="../app/cli/SyncCommands.cpp" line="429"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="281"/>
        <source>Imported catalog version %1: %2 matters, %3 bundles.</source>
        <translation>已导入事项目录版本 %1：事项%2个，“一件事”套餐%3个。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="296"/>
        <source>The year&apos;s holiday file, YEAR.json in the holiday-cn format (docs/DOMAIN.md).</source>
        <translation>该年度的节假日文件，即 holiday-cn 格式的 YEAR.json（见 docs/DOMAIN.md）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="297"/>
        <source>Adds or replaces one year of the holiday calendar at this workstation. A hall with a hub imports at the hub instead (oneseal-admin hub calendar-import).</source>
        <translation>在本工作站添加或替换一年的节假日日历。设有中心服务器的大厅应改在中心服务器上导入（oneseal-admin hub calendar-import）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="301"/>
        <location filename="../app/cli/SyncCommands.cpp" line="413"/>
        <source>Name one holiday file.</source>
        <translation>请指定一个节假日文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="306"/>
        <location filename="../app/cli/SyncCommands.cpp" line="418"/>
        <source>%1 is %2 bytes long; a holiday year file has at most %3.</source>
        <translation>%1 长度为 %2 字节；节假日年度文件最多 %3 字节。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="318"/>
        <source>Replaced the holiday calendar for %1: %2 listed days.</source>
        <translation>已替换 %1 年的节假日日历：共列出 %2 天。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="319"/>
        <source>Added the holiday calendar for %1: %2 listed days.</source>
        <translation>已添加 %1 年的节假日日历：共列出 %2 天。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="331"/>
        <source>The version to export (default: current).</source>
        <translation>要导出的版本（默认为当前版本）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="332"/>
        <location filename="../app/cli/AdminCommands.cpp" line="909"/>
        <location filename="../app/cli/AdminCommands.cpp" line="911"/>
        <location filename="../app/cli/AdminCommands.cpp" line="914"/>
        <location filename="../app/cli/AdminCommands.cpp" line="916"/>
        <location filename="../app/cli/SyncCommands.cpp" line="127"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="333"/>
        <source>Where to write the JSON (default: standard output).</source>
        <translation>JSON 的写入位置（默认为标准输出）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="336"/>
        <source>Exports a catalog version as JSON.</source>
        <translation>将某一版本的事项目录导出为 JSON。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="351"/>
        <location filename="../app/cli/AdminCommands.cpp" line="594"/>
        <location filename="../app/cli/AdminCommands.cpp" line="890"/>
        <source>Unable to write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="361"/>
        <source>Walks every workstation&apos;s hash chain and names the first event that was changed, removed or inserted, and every event refused by the hall&apos;s rules.
Exit code: 0 intact, 3 tampered or refused events, 1 error.</source>
        <translation>逐一校验每个工作站的哈希链，指出第一个被修改、删除或插入的事件，以及每个被本大厅规则拒绝的事件。
退出码：0 完好，3 被篡改或有被拒绝的事件，1 出错。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/AdminCommands.cpp" line="372"/>
        <source>%n event(s) in %1 workstation chain(s).</source>
        <translation>
            <numerusform>%1条工作站审计链中共有%n个事件。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="383"/>
        <source>REFUSED: workstation %1: event %2 (%3 by %4): %5</source>
        <translation>已拒绝：工作站 %1：事件 %2（%3，作者 %4）：%5</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="389"/>
        <source>Checkpoints checked with the hub&apos;s key %1.</source>
        <translation>已使用中心服务器密钥 %1 核验检查点。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="391"/>
        <source>Every chain is intact.</source>
        <translation>所有审计链均完好。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="396"/>
        <source>CUT OFF: workstation %1: %2</source>
        <translation>已截断：工作站 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="400"/>
        <source>FORGED CHECKPOINT: workstation %1: %2</source>
        <translation>【伪造检查点】工作站 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="403"/>
        <source>TAMPERED: workstation %1: first bad event seq %2 (%3), %4: %5</source>
        <translation>【已被篡改】工作站 %1：第一个异常事件序号 %2（%3），%4：%5</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="417"/>
        <source>Write the register as CSV to this file.</source>
        <translation>将用印登记以 CSV 格式写入此文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="419"/>
        <location filename="../app/cli/AdminCommands.cpp" line="528"/>
        <source>First day (YYYY-MM-DD).</source>
        <translation>起始日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="419"/>
        <location filename="../app/cli/AdminCommands.cpp" line="420"/>
        <location filename="../app/cli/AdminCommands.cpp" line="528"/>
        <location filename="../app/cli/AdminCommands.cpp" line="529"/>
        <source>day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="420"/>
        <location filename="../app/cli/AdminCommands.cpp" line="529"/>
        <source>Last day (YYYY-MM-DD).</source>
        <translation>截止日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="422"/>
        <source>Only one kind of document: decision, notice, certificate, reprint, revocation.</source>
        <translation>只能指定一种文书类型：decision、notice、certificate、reprint、revocation。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="423"/>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="425"/>
        <source>Lists the seal register (every document that carries the seal), or exports it as CSV.</source>
        <translation>列出用印登记（每一份加盖印章的文书），或将其导出为 CSV。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="431"/>
        <source>Unknown document kind %1; use decision, notice, certificate, reprint or revocation.</source>
        <translation>未知的文书类型 %1；请使用 decision、notice、certificate、reprint 或 revocation。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="462"/>
        <source>Pairs of steps one person may both take on a case, e.g. review+inspect,decide+issue; &quot;none&quot; restores the strict rule.</source>
        <translation>同一人在一个办件上可同时承担的环节对，例如 review+inspect,decide+issue；&quot;none&quot; 恢复严格规则。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="464"/>
        <source>pairs</source>
        <translation>环节对</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="465"/>
        <source>Why the hall relaxes the rule (required).</source>
        <translation>大厅放宽该规则的理由（必填）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="468"/>
        <source>Shows or sets which pairs of steps (accept, review, inspect, decide, issue) one person may both take on a case.</source>
        <translation>显示或设置同一人在一个办件上可同时承担的环节对（受理、审查、勘验、决定、发证）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="485"/>
        <source>Strict: accept, review, inspect, decide and issue are different people on every case.</source>
        <translation>严格：每个办件的受理、审查、勘验、决定和发证均由不同人员办理。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="487"/>
        <source>Relaxed pairs: %1 (set by %2 at %3: %4)</source>
        <translation>已放宽的环节对：%1（由 %2 于 %3 设置：%4）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="500"/>
        <source>How many of the newest events (1-1000, default 20).</source>
        <translation>显示最新事件的条数（1-1000，默认 20）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="501"/>
        <source>count</source>
        <translation>条数</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="503"/>
        <source>Lists the newest events of the database: time, kind, case number, user, workstation (never their contents).</source>
        <translation>列出数据库中最新的事件：时间、类型、办件编号、用户、工作站（不显示事件内容）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="509"/>
        <source>Give --last as a number from 1 to 1000.</source>
        <translation>--last 必须是 1 至 1000 之间的数字。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="530"/>
        <source>Also write the report as CSV to this new file.</source>
        <translation>同时将报表以 CSV 格式写入此新文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="563"/>
        <source>By day:</source>
        <translation>按日期：</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="563"/>
        <source>By window:</source>
        <translation>按窗口：</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="563"/>
        <source>By clerk:</source>
        <translation>按受理人员：</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="567"/>
        <source>%1: %2 served, waiting mean %3 min (90% within %4), service mean %5 min (90% within %6), %7 rated</source>
        <translation>%1：已办理 %2 个，平均等候 %3 分钟（90% 在 %4 分钟以内），平均办理 %5 分钟（90% 在 %6 分钟以内），已评价 %7 个</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="580"/>
        <source>CSV written to %1.</source>
        <translation>已将 CSV 写入 %1。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="637"/>
        <source>Where to write (a new file).</source>
        <translation>写入位置（新文件）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="638"/>
        <source>The user to grant the seal key to, or to revoke it from.</source>
        <translation>要授予或撤销印章密钥的用户。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="647"/>
        <source>The hall&apos;s Ed25519 certificate signing key: publish it, grant or revoke it, sign the list of voided certificates.
The password of the --as user is read from standard input.</source>
        <translation>大厅的 Ed25519 证照签名密钥：发布、授予或撤销，签署已作废证照清单。
--as 用户的密码从标准输入读取。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="671"/>
        <source>Say where to write with --out FILE.</source>
        <translation>请用 --out FILE 指定写入位置。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="673"/>
        <source>Say which user with --user NAME.</source>
        <translation>请用 --user NAME 指定用户。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="688"/>
        <source>This hall has no seal key yet.</source>
        <translation>本大厅尚无印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="697"/>
        <source>Wrote the hall&apos;s public seal key(s) %1 to %2.</source>
        <translation>已将大厅的印章公钥 %1 写入 %2。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/AdminCommands.cpp" line="708"/>
        <source>Wrote the signed list of %n voided certificate(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 份已作废证照的签名清单写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="718"/>
        <location filename="../app/cli/SyncCommands.cpp" line="298"/>
        <source>Seal key granted to %1.</source>
        <translation>已向 %1 授予印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="719"/>
        <location filename="../app/cli/SyncCommands.cpp" line="298"/>
        <source>Seal key revoked from %1.</source>
        <translation>已撤销 %1 的印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="724"/>
        <source>Say what to do: seal-key export, grant, revoke, revoked-list, generate or id (see --help).</source>
        <translation>请指定操作：seal-key export、grant、revoke、revoked-list、generate 或 id（见 --help）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="999"/>
        <source>change a user&apos;s roles (a hall without a hub)</source>
        <translation>更改用户角色（无中心服务器的大厅）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1000"/>
        <source>set a new password for a user who forgot theirs (a hall without a hub)</source>
        <translation>为忘记密码的用户设置新密码（无中心服务器的大厅）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1012"/>
        <source>show or relax (--relax) the separation of steps per case</source>
        <translation>显示或放宽（--relax）每个办件的岗位分离</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1018"/>
        <source>the hall&apos;s seal key: export, grant, revoke, revoked-list, id</source>
        <translation>大厅的印章密钥：export、grant、revoke、revoked-list、id</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="436"/>
        <source>Write days as YYYY-MM-DD.</source>
        <translation>日期请按 YYYY-MM-DD 格式填写。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/AdminCommands.cpp" line="446"/>
        <source>Wrote %n seal use(s) to %1.</source>
        <translation>
            <numerusform>已将%n条用印记录写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="533"/>
        <source>Reports the hall&apos;s queue: tickets served, waiting and service times, ratings.</source>
        <translation>报告大厅的排队情况：已办理的排队号、等候及办理时长、评价。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="538"/>
        <source>Give --from (and --to) as YYYY-MM-DD.</source>
        <translation>请以 YYYY-MM-DD 格式给出 --from（及 --to）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="546"/>
        <source>Tickets served: %1</source>
        <translation>已办理排队号：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="547"/>
        <source>Waiting (drawn to called, %1 tickets): mean %2 min, 90% within %3 min</source>
        <translation>等候时长（取号至叫号，%1 个排队号）：平均 %2 分钟，90% 在 %3 分钟以内</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="552"/>
        <source>Service (called to recorded, %1 tickets): mean %2 min, 90% within %3 min</source>
        <translation>办理时长（叫号至登记，%1 个排队号）：平均 %2 分钟，90% 在 %3 分钟以内</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="557"/>
        <source>Ratings (%1):</source>
        <translation>评价（%1）：</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="590"/>
        <location filename="../app/cli/AdminCommands.cpp" line="677"/>
        <location filename="../app/cli/AdminCommands.cpp" line="732"/>
        <source>%1 already exists; choose another name or move it away first.</source>
        <translation>%1 已存在；请另选名称，或先将其移走。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="634"/>
        <source>Where to write the new private key (PEM, readable by you only).</source>
        <translation>新私钥的写入位置（PEM 格式，仅您本人可读）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="636"/>
        <source>Where to write the new public key (PEM) to hand out to verifiers.</source>
        <translation>新公钥的写入位置（PEM 格式），用于分发给验证方。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="640"/>
        <source>Why the grant ends (revoke; recorded).</source>
        <translation>终止授权的原因（用于 revoke；将记录在案）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="644"/>
        <source>export --out FILE: the hall&apos;s public seal keys (PEM); grant --user NAME / revoke --user NAME --reason TEXT (administrator); revoked-list --out FILE: the signed list of voided certificates (a holder of the seal key); generate: a key pair for tests; id FILE: print a key&apos;s id.</source>
        <translation>export --out FILE：大厅的印章公钥（PEM）；grant --user NAME / revoke --user NAME --reason TEXT（管理员）；revoked-list --out FILE：已作废证照的签名清单（印章密钥持有人）；generate：生成测试用密钥对；id FILE：显示密钥的标识。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="675"/>
        <source>Say why the grant ends with --reason TEXT.</source>
        <translation>请用 --reason TEXT 说明终止授权的原因。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="726"/>
        <source>Say where to write the keys with --out-private and --out-public.</source>
        <translation>请用 --out-private 和 --out-public 指定密钥的写入位置。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="729"/>
        <source>OpenSSL could not make a key.</source>
        <translation>OpenSSL 无法生成密钥。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="741"/>
        <source>Wrote the private key to %1 and the public key to %2. Key id: %3</source>
        <translation>已将私钥写入 %1，公钥写入 %2。密钥标识：%3</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="752"/>
        <source>no end date</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="753"/>
        <source>serial %1, matter %2, holder %3, issued %4, valid until %5, document hash %6, key %7</source>
        <translation>证照编号 %1，事项 %2，持证人 %3，发证日期 %4，有效期至 %5，文档哈希值 %6，密钥 %7</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="762"/>
        <source>A picture (PNG, JPEG) of the certificate.</source>
        <translation>证照的图片（PNG、JPEG）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="763"/>
        <source>The certificate as a PDF.</source>
        <translation>证照的 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="765"/>
        <source>A trusted public key (PEM); repeat for several keys.</source>
        <translation>受信任的公钥（PEM 格式）；可重复指定多个密钥。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="767"/>
        <source>Check validity on this day instead of today (YYYY-MM-DD).</source>
        <translation>按此日期而非今天核验有效性（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="767"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="769"/>
        <source>Write the signed bytes (msg.bin) and the signature (sig.bin) into this folder, to check them with openssl.</source>
        <translation>将已签名的字节（msg.bin）和签名（sig.bin）写入此文件夹，以便用 openssl 核验。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="771"/>
        <location filename="../app/cli/SyncCommands.cpp" line="46"/>
        <location filename="../app/cli/SyncCommands.cpp" line="745"/>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="773"/>
        <source>The hall&apos;s signed list of voided certificates (seal-key revoked-list); a certificate it names is reported VOIDED.</source>
        <translation>大厅签署的已作废证照清单（seal-key revoked-list）；清单中列出的证照将报告为“已作废”。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="780"/>
        <source>The QR code&apos;s text (OS1:...), or - to read it from standard input.</source>
        <translation>二维码的文本（OS1:...），或用 - 表示从标准输入读取。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="782"/>
        <source>Checks a certificate&apos;s QR code: its signature by a trusted hall key and its dates.
Prints VALID or INVALID with the reason; exit code 0 when every payload is valid.</source>
        <translation>核验证照二维码：检查其是否由受信任的大厅密钥签名以及日期是否有效。
输出 VALID 或 INVALID 及原因；所有二维码内容均有效时退出码为 0。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="788"/>
        <source>Give one payload text, or --image FILE, or --pdf FILE.</source>
        <translation>请提供一段二维码文本，或 --image FILE，或 --pdf FILE。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="796"/>
        <source>--date must be a date written YYYY-MM-DD, not &quot;%1&quot;.</source>
        <translation>--date 必须是 YYYY-MM-DD 格式的日期，而不是“%1”。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="832"/>
        <source>%1 is refused: %2</source>
        <translation>%1 被拒绝：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="866"/>
        <source>The hall&apos;s list of voided certificates of %1 names it.</source>
        <translation>大厅的 %1 已作废证照清单中列有该证照。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="872"/>
        <location filename="../app/cli/AdminCommands.cpp" line="879"/>
        <source>The payload says: %1</source>
        <translation>二维码内容为：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="885"/>
        <source>Unable to create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="892"/>
        <source>Wrote %1 and %2. Check them with:</source>
        <translation>已写入 %1 和 %2。可用以下命令核验：</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="908"/>
        <source>How many cases (default 1000000).</source>
        <translation>办件数量（默认 1000000）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="911"/>
        <source>How many applicants (default: a third of the cases).</source>
        <translation>申请人数量（默认：办件数量的三分之一）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="913"/>
        <source>Over how many years up to yesterday (default 5).</source>
        <translation>截至昨天为止的年数（默认 5）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="915"/>
        <source>The seed of every random choice (default 1).</source>
        <translation>所有随机选择的种子（默认 1）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="918"/>
        <source>Fills the hall database with synthetic applicants and cases (load tests).
The administrator&apos;s password is read from standard input.</source>
        <translation>向大厅数据库填充模拟的申请人和办件（用于负载测试）。
系统管理员密码从标准输入读取。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="928"/>
        <source>--cases, --applicants, --years and --seed take whole numbers.</source>
        <translation>--cases、--applicants、--years 和 --seed 只接受整数。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="932"/>
        <source>There is no hall database at %1; create one first (oneseal-admin demo or init).</source>
        <translation>%1 处没有大厅数据库；请先创建（oneseal-admin demo 或 init）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="957"/>
        <source>[%1] %2%  %3/%4 cases  %5 cases/s  ETA %6</source>
        <translation>[%1] %2%  %3/%4 件  %5 件/秒  预计剩余 %6</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="977"/>
        <source>Wrote %1 cases (%2 applicants registered, %3 updated; %4 events) accepted %5 to %6 in %7 s (%8 cases/s).</source>
        <translation>已写入 %1 件办件（新登记申请人 %2 名，更新 %3 名；事件 %4 条），受理日期 %5 至 %6，用时 %7 秒（%8 件/秒）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="990"/>
        <source>Outcomes: %1</source>
        <translation>办理结果：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="991"/>
        <source>Database size: %1 MB</source>
        <translation>数据库大小：%1 MB</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="996"/>
        <source>create a hall database and its first administrator</source>
        <translation>创建大厅数据库及首个系统管理员</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="997"/>
        <source>create the demo hall</source>
        <translation>创建演示大厅</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="998"/>
        <source>add a user with roles</source>
        <translation>添加用户并指定角色</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1002"/>
        <source>print the raw database key (disaster recovery)</source>
        <translation>输出原始数据库密钥（灾难恢复）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1003"/>
        <source>write an unencrypted copy (disaster recovery)</source>
        <translation>写出未加密副本（灾难恢复）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1005"/>
        <source>import a new catalog version from JSON</source>
        <translation>从 JSON 导入新版本事项目录</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1006"/>
        <source>add or replace a year of the holiday calendar (holiday-cn JSON)</source>
        <translation>添加或替换一年的节假日日历（holiday-cn JSON）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1008"/>
        <source>export a catalog version as JSON</source>
        <translation>将某一版本的事项目录导出为 JSON</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1009"/>
        <source>show the hall, workstation and schema</source>
        <translation>显示大厅、工作站和数据库结构信息</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1010"/>
        <source>verify every workstation&apos;s event hash chain</source>
        <translation>校验每个工作站的事件哈希链</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1011"/>
        <source>list or export (--csv) the seal register</source>
        <translation>列出或导出（--csv）用印登记</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1014"/>
        <source>list the newest events (kind, case number, user)</source>
        <translation>列出最新事件（类型、办件编号、用户）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1015"/>
        <source>waiting and service times and ratings of the hall&apos;s queue</source>
        <translation>大厅排队的等候、办理时长及评价</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1017"/>
        <source>check a certificate&apos;s signed QR code (text, PNG or PDF)</source>
        <translation>核验证照的签名二维码（文本、PNG 或 PDF）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1020"/>
        <source>fill the database with synthetic cases (load tests)</source>
        <translation>向数据库填充模拟办件（负载测试）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1021"/>
        <source>the hall&apos;s hub: init, enroll-code, revoke, user-add, ...</source>
        <translation>本大厅中心服务器：init、enroll-code、revoke、user-add 等</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1022"/>
        <source>enroll this workstation at the hub with a one-time code</source>
        <translation>使用一次性注册码将本工作站注册到中心服务器</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1023"/>
        <source>sync with the hub now</source>
        <translation>立即与中心服务器同步</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1024"/>
        <source>export or import events by file (no network)</source>
        <translation>通过文件导出或导入事件（无网络时）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1025"/>
        <source>re-stamp unsent events whose clock the hub refuses</source>
        <translation>对中心服务器拒收其时钟的未发送事件重新加盖时间戳</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1031"/>
        <source>Usage: oneseal-admin COMMAND [options]   (oneseal-admin COMMAND --help for its options)</source>
        <translation>用法：oneseal-admin 命令 [选项]   （运行 oneseal-admin 命令 --help 查看该命令的选项）</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="1060"/>
        <source>Unknown command &apos;%1&apos;.</source>
        <translation>未知命令“%1”。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="45"/>
        <source>The hub&apos;s folder (hub.db, hub.key).</source>
        <translation>中心服务器的文件夹（hub.db、hub.key）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="71"/>
        <source>Wrong user name or password, or the user is not an administrator of this hub.</source>
        <translation>用户名或密码错误，或该用户不是本中心服务器的系统管理员。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="81"/>
        <source>The bureau&apos;s name.</source>
        <translation>审批局名称。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="87"/>
        <location filename="../app/cli/SyncCommands.cpp" line="551"/>
        <source>A name or address workstations use to reach the hub (repeatable).</source>
        <translation>工作站访问中心服务器所用的主机名或地址（可重复指定）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="88"/>
        <location filename="../app/cli/SyncCommands.cpp" line="552"/>
        <source>host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="89"/>
        <source>Cheap password hashing (tests only).</source>
        <translation>使用低强度密码哈希（仅用于测试）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="92"/>
        <source>Admit unsigned events from workstations (clients from before event signing); signed events are checked in any case.</source>
        <translation>接受工作站的未签名事件（事件签名之前的客户端）；已签名的事件在任何情况下都会校验。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="95"/>
        <source>Creates the hall&apos;s hub: its encrypted database and key file, its certificate authority, its seal-signing key and its first administrator.
The password is read twice from standard input.</source>
        <translation>创建本大厅的中心服务器：包括加密数据库和密钥文件、证书颁发机构、印章签名密钥及首个系统管理员。
密码从标准输入读取两次。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="115"/>
        <source>Created the hub in %1. Keep %2 readable by the hub&apos;s service user only.</source>
        <translation>已在 %1 中创建中心服务器。请确保 %2 仅可由中心服务器的服务用户读取。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="124"/>
        <source>Only this workstation may use the code.</source>
        <translation>仅限该工作站使用此注册码。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="126"/>
        <source>Hours the code stays valid.</source>
        <translation>注册码的有效小时数。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="129"/>
        <source>Issues a one-time enrollment code for a workstation.</source>
        <translation>为工作站签发一次性注册码。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="145"/>
        <source>The workstation to refuse.</source>
        <translation>要拒绝的工作站。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="147"/>
        <source>Why (logged).</source>
        <translation>原因（将记录在案）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="466"/>
        <location filename="../app/cli/AdminCommands.cpp" line="641"/>
        <location filename="../app/cli/SyncCommands.cpp" line="147"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="149"/>
        <source>Revokes a workstation: the hub refuses it from now on.</source>
        <translation>吊销工作站：此后中心服务器将拒绝该工作站接入。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="155"/>
        <source>Workstation %1 is revoked.</source>
        <translation>工作站 %1 已被吊销。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="165"/>
        <location filename="../app/cli/SyncCommands.cpp" line="363"/>
        <source>Roles, separated by commas.</source>
        <translation>角色，以英文逗号分隔。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="168"/>
        <source>Adds a user at the hub; workstations receive it with the reference data.
Reads the administrator&apos;s password, then the new user&apos;s password.</source>
        <translation>在中心服务器添加用户；各工作站随基础数据一并接收该用户。
先读取系统管理员密码，再读取新用户的密码。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="175"/>
        <source>The new user&apos;s password: </source>
        <translation>新用户的密码：</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="178"/>
        <source>Added user %1.</source>
        <translation>已添加用户 %1。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="286"/>
        <source>The user.</source>
        <translation>用户。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="288"/>
        <source>Grants the hall&apos;s seal key to a user (certificate operator, approver or administrator); workstations receive the grant.</source>
        <translation>将大厅的印章密钥授予用户（制证员、审批人员或管理员）；各工作站将收到该授权。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="290"/>
        <source>Revokes a user&apos;s grant of the hall&apos;s seal key.</source>
        <translation>撤销用户的印章密钥授权。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="140"/>
        <location filename="../app/cli/AdminCommands.cpp" line="168"/>
        <location filename="../app/cli/SyncCommands.cpp" line="186"/>
        <location filename="../app/cli/SyncCommands.cpp" line="318"/>
        <location filename="../app/cli/SyncCommands.cpp" line="361"/>
        <source>The user&apos;s user name.</source>
        <translation>用户的用户名。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="322"/>
        <source>Enables a disabled user again at the hub.</source>
        <translation>在中心服务器上重新启用已停用的用户。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="323"/>
        <source>Disables a user at the hub: every replica refuses their events from now on and workstations remove their key slot at the next sync.</source>
        <translation>在中心服务器上停用用户：自此所有副本均拒收其事件，各工作站在下次同步时删除其密钥槽。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="176"/>
        <location filename="../app/cli/SyncCommands.cpp" line="196"/>
        <location filename="../app/cli/SyncCommands.cpp" line="327"/>
        <source>Name the user with --username.</source>
        <translation>请用 --username 指定用户。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="190"/>
        <source>Sets a new password for a user who forgot theirs (or whose password is known to others): every replica ends their signing key and takes the new password&apos;s key; they change the password at their next login.
Reads the administrator&apos;s password, then the user&apos;s new password.</source>
        <translation>为忘记密码（或密码已被他人知悉）的用户设置新密码：各副本终止其签名密钥并采用新密码的密钥；用户须在下次登录时修改密码。
先读取管理员密码，再读取该用户的新密码。</translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="181"/>
        <location filename="../app/cli/SyncCommands.cpp" line="201"/>
        <source>The user&apos;s new password: </source>
        <translation>该用户的新密码：</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="206"/>
        <source>The password of %1 is reset; they must change it at their next login. Their signing key ends now; workstations take the new password at their next sync.</source>
        <translation>%1 的密码已重置，须在下次登录时修改。其签名密钥即刻终止；各工作站在下次同步时采用新密码。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="208"/>
        <source>The password of administrator %1 is reset. An administrator&apos;s password changes only at the hub, so it is not asked to be changed at a workstation. Their signing key ends now; workstations take the new password at their next sync.</source>
        <translation>管理员 %1 的密码已重置。管理员密码只能在中心服务器修改，因此不会要求其在工作站修改。其签名密钥即刻终止；各工作站在下次同步时采用新密码。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="214"/>
        <source>%1 held the hall&apos;s seal key: that grant was sealed to the signing key that just ended and can no longer be opened. Grant the seal key again (hub seal-grant) after their next login has reached the hub.</source>
        <translation>%1 持有大厅的印章密钥：该授权封装于刚刚终止的签名密钥，已无法打开。请在其下次登录的数据到达中心服务器后，重新授予印章密钥（hub seal-grant）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="227"/>
        <source>Only users made before first keys were proved by the password who have no signing key yet.</source>
        <translation>仅列出在“首个密钥须由密码证明”规则之前创建、且尚无签名密钥的用户。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="230"/>
        <source>Lists the hall&apos;s users at the hub.</source>
        <translation>列出中心服务器上的大厅用户。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="244"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="246"/>
        <source>must change the password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="248"/>
        <source>no auth key and no signing key: reset the password</source>
        <translation>无认证密钥和签名密钥：请重置密码</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="254"/>
        <source>Every first signing key must be proved by the user&apos;s password.</source>
        <translation>每个首个签名密钥都须由用户密码证明。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/SyncCommands.cpp" line="255"/>
        <source>%n user(s) can still get a first signing key without a proof by their password (hub require-first-key-proof closes this).</source>
        <translation>
            <numerusform>仍有 %n 个用户可在没有密码证明的情况下获得首个签名密钥（hub require-first-key-proof 可关闭此缺口）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="268"/>
        <source>Requires every user&apos;s first signing key to be proved by their password, also for users made before that rule; every replica refuses an unproved one from then on. Refused while an enabled user has no auth key and no signing key (hub users --legacy): reset their passwords first.</source>
        <translation>要求每个用户的首个签名密钥都由其密码证明，包括该规则之前创建的用户；此后各副本均拒收未经证明的首个密钥。若仍有启用的用户既无认证密钥也无签名密钥（hub users --legacy），则拒绝执行：请先重置这些用户的密码。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="277"/>
        <source>Every first signing key must now be proved by the user&apos;s password; workstations learn it at their next sync.</source>
        <translation>现在每个首个签名密钥都须由用户密码证明；各工作站在下次同步时获知。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="332"/>
        <source>User %1 is enabled.</source>
        <translation>用户 %1 已启用。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="332"/>
        <source>User %1 is disabled.</source>
        <translation>用户 %1 已停用。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="339"/>
        <source>%1 has no auth key and no signing key, and the hall requires every first key to be proved by the password: reset their password (hub user-reset) before their first login, or every replica refuses what they do.</source>
        <translation>%1 既无认证密钥也无签名密钥，而大厅要求每个首个密钥都须由密码证明：请在其首次登录前重置其密码（hub user-reset），否则各副本将拒收其所做的一切。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="366"/>
        <source>Changes a user&apos;s roles at the hub: every replica counts the user&apos;s events with the roles held when each was recorded.</source>
        <translation>在中心服务器更改用户角色：各副本按每条事件记录时用户所持角色认定其事件。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="370"/>
        <source>Name the user with --username and the new roles with --roles.</source>
        <translation>请用 --username 指定用户，用 --roles 指定新角色。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="385"/>
        <source>The catalog JSON file (docs/CATALOG.md).</source>
        <translation>事项目录 JSON 文件（见 docs/CATALOG.md）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="386"/>
        <source>Imports a catalog version at the hub; workstations receive it.</source>
        <translation>在中心服务器导入事项目录版本；各工作站将接收该版本。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="400"/>
        <source>Imported catalog version %1 at the hub.</source>
        <translation>已在中心服务器导入事项目录版本 %1。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="408"/>
        <source>The year&apos;s holiday file, YEAR.json (holiday-cn format).</source>
        <translation>该年度的节假日文件，即 YEAR.json（holiday-cn 格式）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="409"/>
        <source>Adds or replaces a year of the holiday calendar at the hub; workstations receive it with their next sync or bundle.</source>
        <translation>在中心服务器上添加或替换一年的节假日日历；各工作站在下次同步或导入离线数据包时接收。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="430"/>
        <source>Imported the holiday calendar for %1 at the hub.</source>
        <translation>已在中心服务器上导入 %1 年的节假日日历。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="438"/>
        <source>Shows the hub&apos;s workstations and events.</source>
        <translation>显示中心服务器的工作站和事件。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="445"/>
        <source>Events: %1 (last server_seq %2)</source>
        <translation>事件数：%1（最后的 server_seq 为 %2）</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="447"/>
        <source>Checkpoint key: %1</source>
        <translation>检查点密钥：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="449"/>
        <source>enrolled %1, last seen %2, %3 events</source>
        <translation>注册于 %1，最近连接 %2，事件 %3 个</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="452"/>
        <source>, revoked %1: %2</source>
        <translation>，吊销于 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="459"/>
        <source>Taken %1; hall %2; generation %3</source>
        <translation>备份于 %1；大厅 %2；代次 %3</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="461"/>
        <source>%1 events through server_seq %2; %3 workstations, %4 number blocks, %5 users</source>
        <translation>%1 条事件，至 server_seq %2；%3 个工作站，%4 个号段，%5 个用户</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="468"/>
        <source>Database %1 bytes, SHA-256 %2</source>
        <translation>数据库 %1 字节，SHA-256 %2</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="475"/>
        <source>The backup file to write (must not exist).</source>
        <translation>要写入的备份文件（不得已存在）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="478"/>
        <source>Backs the hub up while it runs: a consistent copy of its database, encrypted with the hub&apos;s key, with a manifest. Keep hub.key apart from the backups.</source>
        <translation>在中心服务器运行时备份：生成其数据库的一致副本，用中心服务器密钥加密并附清单。请将 hub.key 与备份分开保存。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="486"/>
        <source>Wrote the backup %1.</source>
        <translation>已写入备份 %1。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="495"/>
        <location filename="../app/cli/SyncCommands.cpp" line="519"/>
        <source>The backup file.</source>
        <translation>备份文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="496"/>
        <source>Checks a hub backup without restoring it: its manifest, its SHA-256, and that its database opens with the hub&apos;s key (hub.key in --dir) and is whole.</source>
        <translation>检查中心服务器备份而不恢复：核对清单、SHA-256，并确认其数据库能用中心服务器密钥（--dir 中的 hub.key）打开且完整。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="501"/>
        <location filename="../app/cli/SyncCommands.cpp" line="525"/>
        <source>Name one backup file.</source>
        <translation>请指定一个备份文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="509"/>
        <source>The backup is refused: %1</source>
        <translation>备份被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="510"/>
        <source>The backup %1 is whole.</source>
        <translation>备份 %1 完整无损。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="520"/>
        <source>Restores the hub from a backup (the hub must be stopped; hub.key must be in --dir). The hub gets a new generation: workstations push again every event the backup lacks. The database that was there is moved aside.</source>
        <translation>从备份恢复中心服务器（中心服务器须已停止；hub.key 须在 --dir 中）。中心服务器获得新的代次：各工作站会重新推送备份中缺少的所有事件。原有数据库将被移到一旁保留。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="529"/>
        <source>The restore is refused: %1</source>
        <translation>恢复被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="530"/>
        <source>Restored the hub in %1 from %2; new generation %3.</source>
        <translation>已从 %2 恢复 %1 中的中心服务器；新代次 %3。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="534"/>
        <source>The database that was there is kept as %1.</source>
        <translation>原有数据库保留为 %1。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="536"/>
        <source>Start the hub again; each workstation pushes what the backup lacks at its next sync.</source>
        <translation>请重新启动中心服务器；各工作站将在下次同步时推送备份中缺少的内容。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="543"/>
        <source>The workstation&apos;s replica (its database file).</source>
        <translation>工作站的副本（其数据库文件）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="547"/>
        <source>Where the hub&apos;s keys survive: the lost hub&apos;s database or any backup of it (with hub.key in --dir). Workstations then stay enrolled.</source>
        <translation>中心服务器密钥的留存位置：已丢失的中心服务器的数据库或其任一备份（hub.key 须在 --dir 中）。这样各工作站仍保持注册状态。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="554"/>
        <source>Rebuilds a lost hub without a backup from a workstation&apos;s replica: every event of every workstation, users, reference data, catalogs and files. The password of an administrator of the replica is read from standard input. Workstations push what the replica lacked at their next sync.</source>
        <translation>在没有备份的情况下，从工作站的副本重建丢失的中心服务器：包括所有工作站的全部事件、用户、参考数据、事项目录和文件。副本中管理员的密码从标准输入读取。各工作站在下次同步时推送副本中缺少的内容。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="561"/>
        <source>Name the replica with --from.</source>
        <translation>请用 --from 指定副本。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="569"/>
        <source>Administrator password of the replica: </source>
        <translation>副本的管理员密码：</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="571"/>
        <source>Wrong user name or password for the replica %1.</source>
        <translation>副本 %1 的用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="578"/>
        <location filename="../app/cli/SyncCommands.cpp" line="621"/>
        <source>Only an administrator may do this.</source>
        <translation>只有系统管理员才能执行此操作。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="585"/>
        <source>The rebuild is refused: %1</source>
        <translation>重建被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="586"/>
        <source>Rebuilt the hub in %1: %2 events of %3 workstations (%4 refused by the hall&apos;s rules), %5 users, %6 catalog versions, %7 files; new generation %8, numbers through server_seq %9 kept.</source>
        <translation>已在 %1 中重建中心服务器：%3 个工作站的 %2 个事件（其中 %4 个被大厅规则拒绝）、%5 名用户、%6 个事项目录版本、%7 个文件；新代次 %8，保留 server_seq %9 及以前的编号。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="600"/>
        <source>A new key file %1 was made: keep a copy apart from the backups.</source>
        <translation>已生成新的密钥文件 %1：请将其副本与备份分开保存。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="604"/>
        <source>The hub&apos;s certificate authority was kept: workstations stay enrolled. Revoke again any workstation revoked after %1 was made.</source>
        <translation>已保留中心服务器的证书颁发机构：各工作站保持注册状态。对于在 %1 生成之后被吊销的工作站，请重新吊销。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="609"/>
        <source>The hub has a new certificate authority: enrol every workstation again with a new code (hub enroll-code, then enroll at the workstation); their events are still accepted.</source>
        <translation>中心服务器已启用新的证书颁发机构：请用新的注册码重新注册每个工作站（先执行 hub enroll-code，再在工作站上执行 enroll）；其事件仍被接受。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="612"/>
        <source>Start the hub; each workstation pushes what the replica lacked at its next sync.</source>
        <translation>启动中心服务器；各工作站在下次同步时推送副本中缺少的内容。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="811"/>
        <source>How far ahead of now a clock may be (the hub&apos;s clock_margin_hours).</source>
        <translation>时钟最多可超前当前时间多少（中心服务器的 clock_margin_hours）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="812"/>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="813"/>
        <source>Only say what would be re-stamped.</source>
        <translation>只显示将被重新加盖时间戳的内容。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="815"/>
        <source>Re-stamps this workstation&apos;s own unsent events whose clock the hub refuses (far in the future or wrapped), and every later one of its chain: new clocks, the chain linked again, each signed again by its author (whose password is asked for). Nothing else changes; the hub never had them.</source>
        <translation>对本工作站中心服务器拒收其时钟（远在未来或发生回绕）的未发送事件，及其审计链中的所有后续事件，重新加盖时间戳：使用新的时钟，重新链接审计链，并由各自的作者重新签名（将询问其密码）。其他内容均不变；中心服务器从未收到过这些事件。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="823"/>
        <source>--margin-hours must be a whole number from 1 to 8760.</source>
        <translation>--margin-hours 必须是 1 至 8760 之间的整数。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="834"/>
        <source>No unsent event of this workstation has a clock the hub refuses; nothing to do.</source>
        <translation>本工作站没有时钟被中心服务器拒收的未发送事件；无需处理。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="837"/>
        <source>%1 unsent events of this workstation from %2 on are re-stamped (%3 with a clock the hub refuses).</source>
        <translation>本工作站自 %2 起的 %1 个未发送事件已重新加盖时间戳（其中 %3 个的时钟被中心服务器拒收）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="856"/>
        <source>Password of %1, who signed some of them: </source>
        <translation>%1（签署了其中部分事件）的密码：</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="859"/>
        <source>The repair is refused: %1</source>
        <translation>修复被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="860"/>
        <source>Re-stamped %1 events; sync to send them.</source>
        <translation>已重新加盖 %1 个事件的时间戳；请同步以发送这些事件。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="679"/>
        <source>The hub&apos;s address.</source>
        <translation>中心服务器的地址。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="671"/>
        <source>Usage: oneseal-admin hub init|enroll-code|revoke|user-add|user-reset|users|require-first-key-proof|user-disable|user-enable|user-roles|seal-grant|seal-revoke|catalog-import|calendar-import|status|backup|verify-backup|restore|rebuild [options]</source>
        <translation>用法：oneseal-admin hub init|enroll-code|revoke|user-add|user-reset|users|require-first-key-proof|user-disable|user-enable|user-roles|seal-grant|seal-revoke|catalog-import|calendar-import|status|backup|verify-backup|restore|rebuild [选项]</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="679"/>
        <source>host:port</source>
        <translation>主机:端口</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="680"/>
        <source>The one-time enrollment code.</source>
        <translation>一次性注册码。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="681"/>
        <source>code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="683"/>
        <source>Enrolls this workstation at the hall&apos;s hub with a one-time code.</source>
        <translation>使用一次性注册码将本工作站注册到本大厅的中心服务器。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="688"/>
        <source>Give the hub as host:port.</source>
        <translation>请以“主机:端口”的形式指定中心服务器。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="696"/>
        <source>Workstation %1 is enrolled at %2.</source>
        <translation>工作站 %1 已在 %2 注册。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="708"/>
        <source>Users who can now log in here: %1</source>
        <translation>现在可在此登录的用户：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="710"/>
        <source>Passwords changed at the hub: %1</source>
        <translation>在中心服务器修改了密码的用户：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="712"/>
        <source>Users disabled at the hub: %1</source>
        <translation>在中心服务器停用的用户：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="720"/>
        <source>Runs one sync round with the hub now.</source>
        <translation>立即与中心服务器进行一轮同步。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="730"/>
        <source>Pushed %1, pulled %2 events; cursor %3; %4 unsent.</source>
        <translation>推送事件 %1 个，拉取事件 %2 个；游标 %3；未发送 %4 个。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="743"/>
        <source>The bundle file.</source>
        <translation>离线数据包文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="744"/>
        <source>Run at the hub: its folder.</source>
        <translation>在中心服务器上运行时：中心服务器的文件夹。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="747"/>
        <source>At the hub: the workstation the bundle is for.</source>
        <translation>在中心服务器上：离线数据包的接收工作站。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="751"/>
        <source>Usage: oneseal-admin bundle export|import --file F (--db DB | --hub-dir DIR) [options]</source>
        <translation>用法：oneseal-admin bundle export|import --file F (--db DB | --hub-dir DIR) [选项]</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="757"/>
        <source>Moves events by file for a hall without network: a workstation exports its unsent events for the hub and imports the hub&apos;s answer; the hub imports and exports for one workstation. Bundles are signed and encrypted; importing one twice changes nothing.</source>
        <translation>供无网络的大厅通过文件传递事件：工作站导出未发送的事件交给中心服务器，并导入中心服务器的回复；中心服务器为单个工作站导入和导出。离线数据包经过签名和加密；同一数据包重复导入不会产生任何变化。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="763"/>
        <source>Give the bundle file with --file.</source>
        <translation>请用 --file 指定离线数据包文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="773"/>
        <source>Imported %1 events from workstation %2 (%3 already here).</source>
        <translation>已从工作站 %2 导入 %1 个事件（%3 个已存在）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="781"/>
        <source>Name the workstation the bundle is for (--workstation).</source>
        <translation>请指定离线数据包的接收工作站（--workstation）。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="785"/>
        <source>Wrote %1 events for workstation %2 to %3.</source>
        <translation>已将发往工作站 %2 的 %1 个事件写入 %3。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="796"/>
        <source>Wrote %1 unsent events to %2.</source>
        <translation>已将 %1 个未发送的事件写入 %2。</translation>
    </message>
    <message>
        <location filename="../app/cli/SyncCommands.cpp" line="802"/>
        <source>Imported %1 new events; %2 of ours acknowledged.</source>
        <translation>已导入 %1 个新事件；本机有 %2 个事件获得确认。</translation>
    </message>
</context>
<context>
    <name>OnlineBackup</name>
    <message>
        <location filename="../db/OnlineBackup.cpp" line="30"/>
        <source>%1 exists already; a backup never overwrites a file.</source>
        <translation>%1 已存在；备份从不覆盖文件。</translation>
    </message>
    <message>
        <location filename="../db/OnlineBackup.cpp" line="53"/>
        <source>The online backup failed: %1 (%2).</source>
        <translation>在线备份失败：%1（%2）。</translation>
    </message>
</context>
<context>
    <name>OwedLedgerWidget</name>
    <message>
        <location filename="../forms/OwedLedgerWidget.ui" line="16"/>
        <source>Refresh (F5)</source>
        <translation>刷新（F5）</translation>
    </message>
    <message>
        <location filename="../forms/OwedLedgerWidget.ui" line="17"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../forms/OwedLedgerWidget.ui" line="38"/>
        <source>Red: the due date has passed · yellow: due within a few working days. An overdue material does not end a case by itself: an approver does it below.</source>
        <translation>红色：已超过补交期限 · 黄色：距补交期限不足几个工作日。容缺材料逾期并不会自动终结办件：须由审批人员在下方处理。</translation>
    </message>
    <message>
        <location filename="../forms/OwedLedgerWidget.ui" line="44"/>
        <source>End the selected case (approvers): terminate it, or revoke its approval</source>
        <translation>终结所选办件（审批人员）：终止办理，或撤销行政许可</translation>
    </message>
    <message>
        <location filename="../forms/OwedLedgerWidget.ui" line="48"/>
        <source>Rea&amp;sons:</source>
        <translation>理由(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../forms/OwedLedgerWidget.ui" line="57"/>
        <source>Pass&amp;word (to seal):</source>
        <translation>密码（用于用印）(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../forms/OwedLedgerWidget.ui" line="66"/>
        <source>Terminate or revoke and seal (Ctrl+T)</source>
        <translation>终止办理或撤销并用印（Ctrl+T）</translation>
    </message>
</context>
<context>
    <name>PaperStock</name>
    <message numerus="yes">
        <location filename="../app/core/PaperStock.cpp" line="31"/>
        <source>%n sheet(s) more were used than received: record the stock that was used.</source>
        <translation>
            <numerusform>已使用的证照纸比入库多 %n 页：请登记已使用的证照纸。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="36"/>
        <source>Spoiled sheet %1 is in no range received.</source>
        <translation>废页 %1 不在任何已入库的页号范围内。</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="38"/>
        <source>More certificates were voided (%1) than sheets printed (%2).</source>
        <translation>作废的证照（%1）多于打印的证照纸（%2）。</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="42"/>
        <source>The pile was counted at sheet %1, but the stock received is used up.</source>
        <translation>清点时证照纸堆顶页为第 %1 页，但入库的证照纸已用完。</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="44"/>
        <source>The pile was counted at sheet %1, but the records say sheet %2 is next: %3 sheet(s) unaccounted for.</source>
        <translation>清点时证照纸堆顶页为第 %1 页，但记录显示下一页应为第 %2 页：有 %3 页去向不明。</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="56"/>
        <source>A range runs from a first to a last sheet number, both between 1 and %1.</source>
        <translation>页号范围从起始页号到结束页号，均须在 1 至 %1 之间。</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="58"/>
        <source>A range holds at most %1 sheets.</source>
        <translation>一个页号范围最多 %1 页。</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="61"/>
        <source>Sheets %1–%2 overlap the range %3–%4 received before.</source>
        <translation>第 %1–%2 页与此前入库的第 %3–%4 页重叠。</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="73"/>
        <source>Sheet %1 is in no range received at this workstation.</source>
        <translation>第 %1 页不在本工作站任何已入库的页号范围内。</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="75"/>
        <source>Sheet %1 is already recorded as spoiled.</source>
        <translation>第 %1 页已登记为废页。</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="88"/>
        <source>a spoiled sheet without a valid number</source>
        <translation>废页缺少有效页号</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="90"/>
        <source>a spoiled sheet without a reason</source>
        <translation>废页缺少原因</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="96"/>
        <source>a shift handover not confirmed by another user</source>
        <translation>交接班未经另一名用户确认</translation>
    </message>
    <message>
        <location filename="../app/core/PaperStock.cpp" line="98"/>
        <source>a shift handover without its report and hash</source>
        <translation>交接班缺少交接报告及其哈希值</translation>
    </message>
</context>
<context>
    <name>PdfFolderOutput</name>
    <message>
        <location filename="../app/print/PdfFileOutput.cpp" line="36"/>
        <source>The PDF printer&apos;s folder %1 does not exist.</source>
        <translation>PDF 打印机的文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../app/print/PdfFileOutput.cpp" line="52"/>
        <source>Too many documents of the same name in %1.</source>
        <translation>%1 中同名文档过多。</translation>
    </message>
</context>
<context>
    <name>Pki</name>
    <message>
        <location filename="../app/protocol/Pki.cpp" line="235"/>
        <source>The hall&apos;s certificate authority could not be created.</source>
        <translation>无法创建本大厅的证书颁发机构。</translation>
    </message>
    <message>
        <location filename="../app/protocol/Pki.cpp" line="269"/>
        <source>The certificate for %1 could not be issued.</source>
        <translation>无法为 %1 签发数字证书。</translation>
    </message>
    <message>
        <location filename="../app/protocol/Pki.cpp" line="315"/>
        <source>The certificate cannot be read.</source>
        <translation>无法读取该数字证书。</translation>
    </message>
    <message>
        <location filename="../app/protocol/Pki.cpp" line="317"/>
        <source>The certificate was not issued by this hall.</source>
        <translation>该数字证书不是由本大厅签发的。</translation>
    </message>
    <message>
        <location filename="../app/protocol/Pki.cpp" line="320"/>
        <source>The certificate is not valid yet.</source>
        <translation>该数字证书尚未生效。</translation>
    </message>
    <message>
        <location filename="../app/protocol/Pki.cpp" line="322"/>
        <source>The certificate expired on %1.</source>
        <translation>该数字证书已于 %1 过期。</translation>
    </message>
</context>
<context>
    <name>PledgeCheck</name>
    <message>
        <location filename="../app/core/ClockStop.cpp" line="78"/>
        <source>check due</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../app/core/ClockStop.cpp" line="79"/>
        <source>ordered to rectify</source>
        <translation>已责令整改</translation>
    </message>
    <message>
        <location filename="../app/core/ClockStop.cpp" line="80"/>
        <source>pledge confirmed</source>
        <translation>承诺属实</translation>
    </message>
    <message>
        <location filename="../app/core/ClockStop.cpp" line="81"/>
        <source>pledge false: to be revoked</source>
        <translation>承诺不实：待撤销</translation>
    </message>
</context>
<context>
    <name>PledgeCheckWidget</name>
    <message>
        <location filename="../forms/PledgeCheckWidget.ui" line="12"/>
        <source>Refresh (F5)</source>
        <translation>刷新（F5）</translation>
    </message>
    <message>
        <location filename="../forms/PledgeCheckWidget.ui" line="13"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../forms/PledgeCheckWidget.ui" line="36"/>
        <source>Fi&amp;ndings or notes:</source>
        <translation>核查结论或备注(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../forms/PledgeCheckWidget.ui" line="45"/>
        <source>Rectify &amp;by:</source>
        <translation>整改期限(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../forms/PledgeCheckWidget.ui" line="52"/>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <location filename="../forms/PledgeCheckWidget.ui" line="57"/>
        <source>Pa&amp;ssword (to seal a revocation):</source>
        <translation>密码（用于撤销用印）(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../forms/PledgeCheckWidget.ui" line="66"/>
        <source>Pledge confirmed (Ctrl+1)</source>
        <translation>承诺属实（Ctrl+1）</translation>
    </message>
    <message>
        <location filename="../forms/PledgeCheckWidget.ui" line="67"/>
        <source>Order rectification (Ctrl+2)</source>
        <translation>责令整改（Ctrl+2）</translation>
    </message>
    <message>
        <location filename="../forms/PledgeCheckWidget.ui" line="68"/>
        <source>Pledge false (Ctrl+3)</source>
        <translation>承诺不实（Ctrl+3）</translation>
    </message>
    <message>
        <location filename="../forms/PledgeCheckWidget.ui" line="69"/>
        <source>Revoke and seal (Ctrl+4)</source>
        <translation>撤销并用印（Ctrl+4）</translation>
    </message>
</context>
<context>
    <name>PrintPreviewOutput</name>
    <message>
        <location filename="../app/ui/PrintPreviewOutput.cpp" line="35"/>
        <source>Print preview — %1</source>
        <translation>打印预览 — %1</translation>
    </message>
    <message>
        <location filename="../app/ui/PrintPreviewOutput.cpp" line="44"/>
        <source>the printer you choose</source>
        <translation>您选择的打印机</translation>
    </message>
    <message>
        <location filename="../app/ui/PrintPreviewOutput.cpp" line="46"/>
        <source>Enter or Ctrl+P prints to %1 · Ctrl+Shift+P another printer or a PDF file · Ctrl++ / Ctrl+− zoom · Esc closes without printing</source>
        <translation>Enter 或 Ctrl+P 打印到 %1 · Ctrl+Shift+P 选择其他打印机或 PDF 文件 · Ctrl++ / Ctrl+− 缩放 · Esc 不打印并关闭</translation>
    </message>
    <message>
        <location filename="../app/ui/PrintPreviewOutput.cpp" line="53"/>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <location filename="../app/ui/PrintPreviewOutput.cpp" line="55"/>
        <source>Print &amp;to…</source>
        <translation>打印到(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../app/ui/PrintPreviewOutput.cpp" line="93"/>
        <source>The print preview was closed without printing.</source>
        <translation>打印预览已关闭，未打印。</translation>
    </message>
</context>
<context>
    <name>Protocol</name>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="96"/>
        <source>A received event is malformed: %1</source>
        <translation>收到的事件格式错误：%1</translation>
    </message>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="101"/>
        <source>it does not have %1 fields</source>
        <translation>其字段数不是 %1 个</translation>
    </message>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="104"/>
        <source>field %1 is not text</source>
        <translation>字段 %1 不是文本</translation>
    </message>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="107"/>
        <source>field %1 is not bytes</source>
        <translation>字段 %1 不是字节串</translation>
    </message>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="109"/>
        <source>its clock or sequence is not a positive integer</source>
        <translation>其时钟值或序号不是正整数</translation>
    </message>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="124"/>
        <location filename="../app/protocol/Protocol.cpp" line="129"/>
        <source>its signature is malformed</source>
        <translation>其签名格式不正确</translation>
    </message>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="132"/>
        <source>its id is not a UUID</source>
        <translation>其标识不是 UUID</translation>
    </message>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="135"/>
        <source>its kind, workstation or user is missing</source>
        <translation>缺少类型、工作站或用户</translation>
    </message>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="137"/>
        <source>its hashes have the wrong length</source>
        <translation>其哈希值长度错误</translation>
    </message>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="139"/>
        <source>its time is not a valid date</source>
        <translation>其时间不是有效日期</translation>
    </message>
    <message>
        <location filename="../app/protocol/Protocol.cpp" line="155"/>
        <source>The list of events is missing.</source>
        <translation>缺少事件列表。</translation>
    </message>
</context>
<context>
    <name>QrCode</name>
    <message>
        <location filename="../app/print/QrCode.cpp" line="24"/>
        <location filename="../app/print/QrCode.cpp" line="53"/>
        <source>There is nothing to put in the QR code.</source>
        <translation>没有可放入二维码的内容。</translation>
    </message>
    <message>
        <location filename="../app/print/QrCode.cpp" line="34"/>
        <source>The QR code content is too long (%1 bytes); a QR code at error correction level M holds at most 2331 bytes.</source>
        <translation>二维码内容过长（%1 字节）；纠错等级为 M 的二维码最多容纳 2331 字节。</translation>
    </message>
    <message>
        <location filename="../app/print/QrCode.cpp" line="38"/>
        <location filename="../app/print/QrCode.cpp" line="66"/>
        <source>The QR code could not be made: %1</source>
        <translation>无法生成二维码：%1</translation>
    </message>
    <message>
        <location filename="../app/print/QrCode.cpp" line="54"/>
        <source>The QR code text contains a NUL character.</source>
        <translation>二维码文本中含有 NUL 字符。</translation>
    </message>
    <message>
        <location filename="../app/print/QrCode.cpp" line="64"/>
        <source>The QR code content is too long (%1 characters).</source>
        <translation>二维码内容过长（%1 个字符）。</translation>
    </message>
</context>
<context>
    <name>QueueReportDialog</name>
    <message>
        <location filename="../forms/QueueReportDialog.ui" line="6"/>
        <source>Queue report</source>
        <translation>排队报表</translation>
    </message>
    <message>
        <location filename="../forms/QueueReportDialog.ui" line="12"/>
        <source>&amp;From:</source>
        <translation>自(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../forms/QueueReportDialog.ui" line="24"/>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../forms/QueueReportDialog.ui" line="36"/>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../forms/QueueReportDialog.ui" line="68"/>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../forms/QueueReportDialog.ui" line="73"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>QueueService</name>
    <message>
        <location filename="../app/services/QueueService.cpp" line="61"/>
        <source>You may see only the queues of your own roles.</source>
        <translation>您只能查看本人角色对应的工作队列。</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../forms/ReviewDialog.ui" line="6"/>
        <source>Review</source>
        <translation>审查</translation>
    </message>
    <message>
        <location filename="../forms/ReviewDialog.ui" line="21"/>
        <source>&amp;Matter of the bundle:</source>
        <translation>“一件事”中的事项(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../forms/ReviewDialog.ui" line="34"/>
        <source>&amp;Notes, materials to correct, or reasons for refusal:</source>
        <translation>备注、需补正的材料或不予许可理由(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../forms/ReviewDialog.ui" line="48"/>
        <source>&amp;Pass review</source>
        <translation>审查通过(&amp;P)</translation>
    </message>
    <message>
        <location filename="../forms/ReviewDialog.ui" line="53"/>
        <source>Return for &amp;correction</source>
        <translation>退回补正(&amp;C)</translation>
    </message>
    <message>
        <location filename="../forms/ReviewDialog.ui" line="58"/>
        <source>Corrected materials &amp;received</source>
        <translation>已收到补正材料(&amp;R)</translation>
    </message>
    <message>
        <location filename="../forms/ReviewDialog.ui" line="63"/>
        <source>Propose re&amp;fusal</source>
        <translation>建议不予许可(&amp;F)</translation>
    </message>
    <message>
        <location filename="../forms/ReviewDialog.ui" line="71"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ReviewService</name>
    <message>
        <location filename="../app/services/ReviewService.cpp" line="35"/>
        <source>review notes</source>
        <translation>审查意见</translation>
    </message>
    <message>
        <location filename="../app/services/ReviewService.cpp" line="55"/>
        <source>materials to correct</source>
        <translation>需补正的材料</translation>
    </message>
    <message>
        <location filename="../app/services/ReviewService.cpp" line="61"/>
        <source>correction</source>
        <translation>补正</translation>
    </message>
    <message>
        <location filename="../app/services/ReviewService.cpp" line="76"/>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../app/services/ReviewService.cpp" line="102"/>
        <source>reasons for refusal</source>
        <translation>不予许可理由</translation>
    </message>
</context>
<context>
    <name>RevokedList</name>
    <message>
        <location filename="../app/core/SealGrant.cpp" line="206"/>
        <source>The list of voided certificates is larger than %1 MiB.</source>
        <translation>已作废证照清单大于 %1 MiB。</translation>
    </message>
    <message>
        <location filename="../app/core/SealGrant.cpp" line="210"/>
        <source>This is not a list of voided certificates (&quot;%1&quot;).</source>
        <translation>这不是已作废证照清单（“%1”）。</translation>
    </message>
    <message>
        <location filename="../app/core/SealGrant.cpp" line="214"/>
        <source>The list of voided certificates is damaged (not base64).</source>
        <translation>已作废证照清单已损坏（不是 base64 编码）。</translation>
    </message>
    <message>
        <location filename="../app/core/SealGrant.cpp" line="221"/>
        <location filename="../app/core/SealGrant.cpp" line="240"/>
        <source>The list of voided certificates is damaged.</source>
        <translation>已作废证照清单已损坏。</translation>
    </message>
    <message>
        <location filename="../app/core/SealGrant.cpp" line="227"/>
        <source>The list of voided certificates is signed with key %1, which is not a trusted seal key of the hall.</source>
        <translation>已作废证照清单使用密钥 %1 签名，该密钥不是本大厅受信任的印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/core/SealGrant.cpp" line="231"/>
        <source>The signature of the list of voided certificates does not match: it was changed after signing, or forged.</source>
        <translation>已作废证照清单的签名不符：签名后被修改，或系伪造。</translation>
    </message>
    <message>
        <location filename="../app/core/SealGrant.cpp" line="244"/>
        <source>The list of voided certificates holds a malformed serial.</source>
        <translation>已作废证照清单中含有格式错误的编号。</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../app/core/Role.cpp" line="42"/>
        <source>Intake clerk</source>
        <translation>窗口受理员</translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="43"/>
        <source>Reviewer</source>
        <translation>审查人员</translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="44"/>
        <source>Inspector</source>
        <translation>勘验人员</translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="45"/>
        <source>Approver (seal holder)</source>
        <translation>审批人员（用印）</translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="46"/>
        <source>Certificate operator</source>
        <translation>制证发证人员</translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="47"/>
        <source>Supervisor</source>
        <translation>监督人员</translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="48"/>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="49"/>
        <source>Regulator (checks after approval)</source>
        <translation>监管人员（批后核查）</translation>
    </message>
</context>
<context>
    <name>RoleChanges</name>
    <message>
        <location filename="../app/core/RoleChanges.cpp" line="26"/>
        <source>a change of roles that names no user</source>
        <translation>角色变更未指明用户</translation>
    </message>
    <message>
        <location filename="../app/core/RoleChanges.cpp" line="28"/>
        <source>a change of roles without the roles before and after it</source>
        <translation>角色变更缺少变更前后的角色</translation>
    </message>
    <message>
        <location filename="../app/core/RoleChanges.cpp" line="35"/>
        <source>a change of roles that names unknown roles: %1</source>
        <translation>角色变更含有未知角色：%1</translation>
    </message>
    <message>
        <location filename="../app/core/RoleChanges.cpp" line="37"/>
        <source>a change of roles that leaves the user no role</source>
        <translation>角色变更后该用户没有任何角色</translation>
    </message>
</context>
<context>
    <name>SamProtocol</name>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="59"/>
        <source>The reader sent a frame of impossible length %1.</source>
        <translation>读卡器发送了长度不可能为 %1 的数据帧。</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="69"/>
        <source>The reader&apos;s answer failed its checksum (a disturbed cable?).</source>
        <translation>读卡器的应答校验和错误（线缆受到干扰？）。</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="86"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="87"/>
        <source>the card holds no such information</source>
        <translation>身份证中没有此项信息</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="88"/>
        <source>card found</source>
        <translation>已找到身份证</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="89"/>
        <source>the reader received a command with a wrong checksum</source>
        <translation>读卡器收到的命令校验和错误</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="90"/>
        <source>the reader received a command of wrong length</source>
        <translation>读卡器收到的命令长度错误</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="91"/>
        <source>the reader did not understand the command</source>
        <translation>读卡器无法识别该命令</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="92"/>
        <source>the reader refused an unauthorised operation</source>
        <translation>读卡器拒绝了未经授权的操作</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="93"/>
        <source>the reader does not know this command</source>
        <translation>读卡器不支持该命令</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="94"/>
        <source>the card failed to authenticate the reader&apos;s security module</source>
        <translation>身份证未能认证读卡器的安全模块</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="95"/>
        <source>the security module failed to authenticate the card</source>
        <translation>安全模块未能认证身份证</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="96"/>
        <source>the card&apos;s information failed verification</source>
        <translation>身份证信息校验失败</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="97"/>
        <source>this is not a resident ID card</source>
        <translation>这不是居民身份证</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="98"/>
        <source>reading the card failed; hold it still on the reader</source>
        <translation>读卡失败；请将身份证平稳放在读卡器上</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="99"/>
        <source>the card gave no random number</source>
        <translation>身份证未返回随机数</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="100"/>
        <source>the reader&apos;s security module failed its self-test</source>
        <translation>读卡器安全模块自检失败</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="101"/>
        <source>the reader&apos;s security module is not authorised</source>
        <translation>读卡器安全模块未获授权</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="102"/>
        <source>no card on the reader</source>
        <translation>读卡器上没有身份证</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="103"/>
        <source>the card could not be selected; hold it still on the reader</source>
        <translation>无法选中身份证；请将身份证平稳放在读卡器上</translation>
    </message>
    <message>
        <location filename="../app/devices/SamProtocol.cpp" line="104"/>
        <source>unknown status %1</source>
        <translation>未知状态 %1</translation>
    </message>
</context>
<context>
    <name>SealKey</name>
    <message>
        <location filename="../app/core/SealKey.cpp" line="96"/>
        <source>This is not a private key in PEM form (&quot;-----BEGIN PRIVATE KEY-----&quot;).</source>
        <translation>这不是 PEM 格式的私钥（“-----BEGIN PRIVATE KEY-----”）。</translation>
    </message>
    <message>
        <location filename="../app/core/SealKey.cpp" line="101"/>
        <source>The private key is not an Ed25519 key; the seal key must be Ed25519.</source>
        <translation>该私钥不是 Ed25519 密钥；印章签名密钥必须是 Ed25519 密钥。</translation>
    </message>
    <message>
        <location filename="../app/core/SealKey.cpp" line="109"/>
        <source>The private key could not be read.</source>
        <translation>无法读取该私钥。</translation>
    </message>
    <message>
        <location filename="../app/core/SealKey.cpp" line="121"/>
        <source>This is not a public key in PEM form (&quot;-----BEGIN PUBLIC KEY-----&quot;).</source>
        <translation>这不是 PEM 格式的公钥（“-----BEGIN PUBLIC KEY-----”）。</translation>
    </message>
    <message>
        <location filename="../app/core/SealKey.cpp" line="126"/>
        <source>The public key is not an Ed25519 key; the seal key must be Ed25519.</source>
        <translation>该公钥不是 Ed25519 密钥；印章签名密钥必须是 Ed25519 密钥。</translation>
    </message>
    <message>
        <location filename="../app/core/SealKey.cpp" line="133"/>
        <source>The public key could not be read.</source>
        <translation>无法读取该公钥。</translation>
    </message>
    <message>
        <location filename="../app/core/SealKey.cpp" line="143"/>
        <source>A raw Ed25519 private key has %1 bytes, not %2.</source>
        <translation>原始 Ed25519 私钥应为 %2 字节，而不是 %1 字节。</translation>
    </message>
    <message>
        <location filename="../app/core/SealKey.cpp" line="155"/>
        <source>OpenSSL refused the raw private key.</source>
        <translation>OpenSSL 拒绝了该原始私钥。</translation>
    </message>
    <message>
        <location filename="../app/core/SealKey.cpp" line="165"/>
        <source>A raw Ed25519 public key has %1 bytes, not %2.</source>
        <translation>原始 Ed25519 公钥应为 %2 字节，而不是 %1 字节。</translation>
    </message>
    <message>
        <location filename="../app/core/SealKey.cpp" line="170"/>
        <source>OpenSSL refused the raw public key.</source>
        <translation>OpenSSL 拒绝了该原始公钥。</translation>
    </message>
</context>
<context>
    <name>SealKeyDialog</name>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="6"/>
        <source>Seal key and users</source>
        <translation>印章密钥和用户</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="16"/>
        <source>&amp;Keys and grants</source>
        <translation>密钥和授权(&amp;K)</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="20"/>
        <source>&amp;Published seal keys (verifiers trust these):</source>
        <translation>已发布的印章密钥（验证方信任这些密钥）(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="35"/>
        <source>&amp;Grants of the seal key (newest first):</source>
        <translation>印章密钥授权记录（最新的在前）(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="52"/>
        <source>Grant the seal key</source>
        <translation>授予印章密钥</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="56"/>
        <source>Grant &amp;to:</source>
        <translation>授予对象(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="65"/>
        <source>Your pass&amp;word:</source>
        <translation>您的密码(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="77"/>
        <source>Gra&amp;nt</source>
        <translation>授予(&amp;N)</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="86"/>
        <source>End a grant</source>
        <translation>终止授权</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="90"/>
        <source>Revoke &amp;from:</source>
        <translation>撤销对象(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="99"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="110"/>
        <source>Re&amp;voke</source>
        <translation>撤销(&amp;V)</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="123"/>
        <source>&amp;Export public keys…</source>
        <translation>导出公钥(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="129"/>
        <source>Write voided &amp;list…</source>
        <translation>导出已作废证照清单(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="141"/>
        <source>&amp;Directory</source>
        <translation>用户目录(&amp;D)</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="145"/>
        <source>&amp;Users, their roles and signing keys (read only):</source>
        <translation>用户及其角色和签名密钥（只读）(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="154"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="159"/>
        <source>Change a user&apos;s roles</source>
        <translation>更改用户角色</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="163"/>
        <source>Roles &amp;of:</source>
        <translation>用户(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="172"/>
        <source>Ro&amp;les (Space checks or clears):</source>
        <translation>角色(&amp;L)（空格键勾选或取消）：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="183"/>
        <source>Change &amp;roles</source>
        <translation>更改角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="192"/>
        <source>A forgotten password (the user chosen above changes it at the next login)</source>
        <translation>忘记的密码（上方所选用户须在下次登录时修改）</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="196"/>
        <source>&amp;Set a new password:</source>
        <translation>设置新密码(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="207"/>
        <source>&amp;Your password again:</source>
        <translation>再次输入您的密码(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="218"/>
        <source>Reset &amp;a forgotten password</source>
        <translation>重置忘记的密码(&amp;A)</translation>
    </message>
    <message>
        <location filename="../forms/SealKeyDialog.ui" line="243"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>SealKeyService</name>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="53"/>
        <location filename="../app/services/SealKeyService.cpp" line="117"/>
        <source>There is no user %1.</source>
        <translation>没有用户 %1。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="55"/>
        <source>The user %1 is disabled.</source>
        <translation>用户 %1 已停用。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="57"/>
        <source>The seal key is granted only to certificate operators, approvers and administrators; %1 is none of them.</source>
        <translation>印章密钥只能授权给制证员、审批人员和管理员；%1 均不是。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="63"/>
        <source>%1 has not logged in yet, so there is no signing key to seal the seal key to. Ask them to log in once, then grant it again.</source>
        <translation>%1 尚未登录过，因此没有可用于封装印章密钥的签名密钥。请让其先登录一次，然后重新授权。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="67"/>
        <source>You hold no grant of the hall&apos;s seal key, so you cannot seal it to %1. In a hall with a hub, grant it at the hub (oneseal-admin hub seal-grant), or have the hub grant it to you first.</source>
        <translation>您未获大厅印章密钥授权，因此无法将其封装给 %1。在设有中心服务器的大厅，请在中心服务器上授权（oneseal-admin hub seal-grant），或先由中心服务器向您授权。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="76"/>
        <source>%1 already holds the seal key.</source>
        <translation>%1 已持有印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="79"/>
        <source>The seal key could not be sealed to the signing key of %1.</source>
        <translation>无法将印章密钥封装到 %1 的签名密钥。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="92"/>
        <source>Choose the user to grant the seal key to.</source>
        <translation>请选择要授予印章密钥的用户。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="96"/>
        <source>Your password is wrong; the seal key was not granted.</source>
        <translation>您的密码错误；未授予印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="105"/>
        <source>Choose the user whose grant of the seal key ends.</source>
        <translation>请选择要终止印章密钥授权的用户。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="108"/>
        <source>Give the reason why the grant ends; it is recorded with the revocation.</source>
        <translation>请说明终止授权的原因；该原因将随撤销一并记录。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="110"/>
        <source>The reason is longer than %1 characters.</source>
        <translation>原因超过 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="113"/>
        <source>The reason contains control characters.</source>
        <translation>原因含有控制字符。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="120"/>
        <source>%1 holds no grant of the seal key.</source>
        <translation>%1 未获印章密钥授权。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="158"/>
        <source>The seal key could not be sealed.</source>
        <translation>无法封装印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="201"/>
        <source>Only a holder of the hall&apos;s seal key can sign the list of voided certificates, and the seal key has not been granted to you. In a hall with a hub, the hub publishes the list itself.</source>
        <translation>只有大厅印章密钥的持有人才能签署已作废证照清单，而印章密钥尚未授权给您。在设有中心服务器的大厅，该清单由中心服务器自行发布。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="214"/>
        <source>The list of voided certificates could not be signed.</source>
        <translation>无法签署已作废证照清单。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="233"/>
        <source>This hall has no seal key yet.</source>
        <translation>本大厅尚无印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="254"/>
        <source>The directory could not be read: %1</source>
        <translation>无法读取用户目录：%1</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="352"/>
        <source>The case history on this workstation records it as voided: %1</source>
        <translation>本工作站的办件历史记录显示其已作废：%1</translation>
    </message>
    <message>
        <location filename="../app/services/SealKeyService.cpp" line="358"/>
        <source>The hall&apos;s list of voided certificates of %1 names it.</source>
        <translation>大厅的 %1 已作废证照清单中列有该证照。</translation>
    </message>
</context>
<context>
    <name>SealRegisterWidget</name>
    <message>
        <location filename="../forms/SealRegisterWidget.ui" line="16"/>
        <source>Fro&amp;m:</source>
        <translation>从(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../forms/SealRegisterWidget.ui" line="28"/>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../forms/SealRegisterWidget.ui" line="40"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../forms/SealRegisterWidget.ui" line="49"/>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../forms/SealRegisterWidget.ui" line="74"/>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>SealedDocument</name>
    <message>
        <location filename="../app/core/SealedDocument.cpp" line="41"/>
        <source>Decision</source>
        <translation>审批决定</translation>
    </message>
    <message>
        <location filename="../app/core/SealedDocument.cpp" line="42"/>
        <source>Notice</source>
        <translation>告知书</translation>
    </message>
    <message>
        <location filename="../app/core/SealedDocument.cpp" line="43"/>
        <source>Certificate</source>
        <translation>证照</translation>
    </message>
    <message>
        <location filename="../app/core/SealedDocument.cpp" line="44"/>
        <source>Certificate reprint</source>
        <translation>证照重打</translation>
    </message>
    <message>
        <location filename="../app/core/SealedDocument.cpp" line="45"/>
        <source>Revocation</source>
        <translation>撤销决定</translation>
    </message>
    <message>
        <location filename="../app/core/SealedDocument.cpp" line="46"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>Separation</name>
    <message>
        <location filename="../app/core/Separation.cpp" line="43"/>
        <source>acceptance</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="44"/>
        <source>review</source>
        <translation>审查</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="45"/>
        <source>site inspection</source>
        <translation>现场勘验</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="46"/>
        <source>decision and seal</source>
        <translation>决定和用印</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="47"/>
        <source>certificate issue</source>
        <translation>发证</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="117"/>
        <source>At most %1 pairs of steps can be relaxed.</source>
        <translation>最多可放宽 %1 个环节对。</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="124"/>
        <source>&quot;%1&quot; is not a pair of steps; write two of accept, review, inspect, decide, issue joined by +, e.g. review+inspect.</source>
        <translation>“%1”不是环节对；请用 + 连接 accept、review、inspect、decide、issue 中的两个，例如 review+inspect。</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="128"/>
        <source>&quot;%1&quot; names the same step twice.</source>
        <translation>“%1”两次列出同一环节。</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="131"/>
        <source>The pair &quot;%1&quot; is named twice.</source>
        <translation>环节对“%1”被列出两次。</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="143"/>
        <source>the relaxed pairs are missing or too many</source>
        <translation>放宽的环节对缺失或过多</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="148"/>
        <source>a relaxation of the separations without reasons</source>
        <translation>放宽岗位分离但未说明理由</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="155"/>
        <source>a relaxed pair that is not text</source>
        <translation>放宽的环节对不是文本</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="179"/>
        <location filename="../app/core/Separation.cpp" line="194"/>
        <source>this case</source>
        <translation>本办件</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="179"/>
        <location filename="../app/core/Separation.cpp" line="194"/>
        <source>case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="180"/>
        <source>You took the %1 of %2. Acceptance, review, inspection, decision and issue are done by different people: a colleague must do the %3.</source>
        <translation>您已办理%2的%1。受理、审查、勘验、决定和发证须由不同人员办理：%3须由其他同事办理。</translation>
    </message>
    <message>
        <location filename="../app/core/Separation.cpp" line="195"/>
        <source>The inspector %1 took the %2 of %3 and may not inspect it.</source>
        <translation>勘验人员 %1 已办理%3的%2，不得参与其勘验。</translation>
    </message>
</context>
<context>
    <name>SeparationDialog</name>
    <message>
        <location filename="../forms/SeparationDialog.ui" line="5"/>
        <source>Separation of steps</source>
        <translation>岗位分离</translation>
    </message>
    <message>
        <location filename="../forms/SeparationDialog.ui" line="11"/>
        <source>Acceptance, review, inspection, decision and issue of a case are done by different people. A small hall may relax a pair of steps so that one person may take both; every change is recorded with its reasons.</source>
        <translation>办件的受理、审查、勘验、决定和发证由不同人员办理。小型大厅可以放宽某一环节对，允许同一人同时承担这两个环节；每次变更均连同理由一并记录。</translation>
    </message>
    <message>
        <location filename="../forms/SeparationDialog.ui" line="16"/>
        <source>Pairs of &amp;steps:</source>
        <translation>环节对(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../forms/SeparationDialog.ui" line="37"/>
        <source>&amp;Reasons:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../forms/SeparationDialog.ui" line="46"/>
        <source>Your pass&amp;word:</source>
        <translation>您的密码(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../forms/SeparationDialog.ui" line="59"/>
        <source>Re&amp;lax the pair</source>
        <translation>放宽该环节对(&amp;L)</translation>
    </message>
    <message>
        <location filename="../forms/SeparationDialog.ui" line="65"/>
        <source>Res&amp;tore the separation</source>
        <translation>恢复岗位分离(&amp;T)</translation>
    </message>
    <message>
        <location filename="../forms/SeparationDialog.ui" line="74"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>SeparationService</name>
    <message>
        <location filename="../app/services/SeparationService.cpp" line="27"/>
        <source>reasons for relaxing the separations</source>
        <translation>放宽岗位分离的理由</translation>
    </message>
    <message>
        <location filename="../app/services/SeparationService.cpp" line="72"/>
        <source>The pair %1 is already relaxed.</source>
        <translation>环节对 %1 已放宽。</translation>
    </message>
    <message>
        <location filename="../app/services/SeparationService.cpp" line="72"/>
        <source>The pair %1 is not relaxed.</source>
        <translation>环节对 %1 未放宽。</translation>
    </message>
    <message>
        <location filename="../app/services/SeparationService.cpp" line="74"/>
        <source>The password is wrong; nothing was changed.</source>
        <translation>密码错误；未作任何更改。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../app/services/Session.cpp" line="61"/>
        <source>The hall&apos;s seal key has not been granted to you, so you cannot sign certificates. Ask the hall administrator.</source>
        <translation>本大厅的印章密钥未授权给您，因此您无法签署证照。请联系大厅管理员。</translation>
    </message>
    <message>
        <location filename="../app/services/Session.cpp" line="64"/>
        <source>Your signing key is not open, so the seal key cannot be opened. Log out and log in again.</source>
        <translation>您的签名密钥未打开，因此无法打开印章密钥。请注销后重新登录。</translation>
    </message>
    <message>
        <location filename="../app/services/Session.cpp" line="72"/>
        <source>Your grant of the seal key does not open with your current signing key (it was granted before your password was reset). Ask the hall administrator to grant it again.</source>
        <translation>您获授权的印章密钥无法用当前签名密钥打开（授权发生在您的密码重置之前）。请联系大厅管理员重新授权。</translation>
    </message>
    <message>
        <location filename="../app/services/Session.cpp" line="169"/>
        <source>Your role does not allow this. Ask a colleague who holds the right role, or the hall administrator.</source>
        <translation>您的角色无权执行此操作。请联系具有相应角色的同事或大厅系统管理员。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="5"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="11"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="20"/>
        <source>Lock after &amp;idle minutes:</source>
        <translation>空闲锁定时间（分钟）(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="33"/>
        <source>Warn about &amp;unsent events after (minutes):</source>
        <translation>未发送事件超过以下时长时发出警告（分钟）(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="39"/>
        <source>While the hub cannot be reached, events recorded here that are older than this are lost with this computer&apos;s disk unless exported in a bundle.</source>
        <translation>无法连接中心服务器期间，此处记录的早于该时长的事件，若未导出到离线数据包，将随本计算机硬盘的损坏而丢失。</translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="47"/>
        <source>Intake window &amp;printer:</source>
        <translation>受理窗口打印机(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="56"/>
        <source>Certificate &amp;window printer:</source>
        <translation>制证窗口打印机(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="67"/>
        <source>A new language takes effect when OneSeal is started again.</source>
        <translation>新语言将在重新启动 OneSeal 后生效。</translation>
    </message>
</context>
<context>
    <name>ShiftHandoverDialog</name>
    <message>
        <location filename="../forms/ShiftHandoverDialog.ui" line="5"/>
        <source>End of shift: handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <location filename="../forms/ShiftHandoverDialog.ui" line="10"/>
        <source>The handover report is printed and recorded once both of you have given your password.</source>
        <translation>双方均输入密码后，将打印并登记交接报告。</translation>
    </message>
    <message>
        <location filename="../forms/ShiftHandoverDialog.ui" line="17"/>
        <source>&amp;Your password (outgoing):</source>
        <translation>您的密码（交班人）(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../forms/ShiftHandoverDialog.ui" line="26"/>
        <source>&amp;Incoming user name:</source>
        <translation>接班人用户名(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../forms/ShiftHandoverDialog.ui" line="35"/>
        <source>Incoming user&apos;s &amp;password:</source>
        <translation>接班人密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../forms/ShiftHandoverDialog.ui" line="44"/>
        <source>&amp;Top sheet of the stock pile (counted; empty if none):</source>
        <translation>证照纸堆顶页页号（清点所得；没有则留空）(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ShiftReport</name>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="8"/>
        <source>Shift handover report</source>
        <translation>交接班报告</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="12"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="13"/>
        <source>Handed over</source>
        <translation>交接时间</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="14"/>
        <source>Shift since</source>
        <translation>本班开始时间</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="16"/>
        <source>the first record at this workstation</source>
        <translation>本工作站的第一条记录</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="17"/>
        <source>Outgoing user</source>
        <translation>交班人</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="18"/>
        <source>Incoming user</source>
        <translation>接班人</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="22"/>
        <source>Every sheet of certificate stock is accounted for.</source>
        <translation>每一页证照纸均已核对无误。</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="24"/>
        <source>Paper stock mismatches</source>
        <translation>证照纸不符情况</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="28"/>
        <source>Both users confirmed this handover with their passwords.</source>
        <translation>双方用户均已用密码确认本次交接。</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="29"/>
        <source>Outgoing (signature):</source>
        <translation>交班人（签名）：</translation>
    </message>
    <message>
        <location filename="../app/print/ShiftReport.cpp" line="29"/>
        <source>Incoming (signature):</source>
        <translation>接班人（签名）：</translation>
    </message>
</context>
<context>
    <name>ShiftService</name>
    <message>
        <location filename="../app/services/ShiftService.cpp" line="23"/>
        <source>Not recorded: %1.</source>
        <translation>未登记：%1。</translation>
    </message>
    <message>
        <location filename="../app/services/ShiftService.cpp" line="47"/>
        <source>Say why the sheet was spoiled.</source>
        <translation>请说明废页原因。</translation>
    </message>
    <message>
        <location filename="../app/services/ShiftService.cpp" line="49"/>
        <source>The reason is too long (at most 500 characters).</source>
        <translation>原因过长（最多 500 个字符）。</translation>
    </message>
    <message>
        <location filename="../app/services/ShiftService.cpp" line="96"/>
        <source>Your password is wrong; the handover was not recorded.</source>
        <translation>您的密码错误；交接班未登记。</translation>
    </message>
    <message>
        <location filename="../app/services/ShiftService.cpp" line="101"/>
        <source>There is no active user %1 to take over.</source>
        <translation>没有可接班的在用用户 %1。</translation>
    </message>
    <message>
        <location filename="../app/services/ShiftService.cpp" line="105"/>
        <source>The incoming user must be another person.</source>
        <translation>接班人必须是另一人。</translation>
    </message>
    <message>
        <location filename="../app/services/ShiftService.cpp" line="109"/>
        <source>The incoming user&apos;s password is wrong; the handover was not recorded.</source>
        <translation>接班人的密码错误；交接班未登记。</translation>
    </message>
    <message>
        <location filename="../app/services/ShiftService.cpp" line="128"/>
        <source>Only the outgoing user records the handover.</source>
        <translation>只有交班人可以登记交接班。</translation>
    </message>
</context>
<context>
    <name>SigningKeys</name>
    <message>
        <location filename="../app/services/SigningKeys.cpp" line="86"/>
        <source>The signing key could not be protected with the password.</source>
        <translation>无法用密码保护签名密钥。</translation>
    </message>
    <message>
        <location filename="../app/services/SigningKeys.cpp" line="127"/>
        <location filename="../app/services/SigningKeys.cpp" line="133"/>
        <source>Your signing key does not open with this password.</source>
        <translation>您的签名密钥无法用此密码打开。</translation>
    </message>
    <message>
        <location filename="../app/services/SigningKeys.cpp" line="101"/>
        <location filename="../app/services/SigningKeys.cpp" line="139"/>
        <location filename="../app/services/SigningKeys.cpp" line="161"/>
        <source>A signing key could not be made.</source>
        <translation>无法生成签名密钥。</translation>
    </message>
</context>
<context>
    <name>SqlCipherDriver</name>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="573"/>
        <source>The database is not open.</source>
        <translation>数据库未打开。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="593"/>
        <source>Unable to prepare the statement.</source>
        <translation>无法准备 SQL 语句。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="600"/>
        <source>Unable to execute multiple statements at a time.</source>
        <translation>无法一次执行多条语句。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="606"/>
        <source>The statement is empty.</source>
        <translation>语句为空。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="701"/>
        <location filename="../db/SqlCipherDriver.cpp" line="781"/>
        <source>No statement is prepared.</source>
        <translation>没有已准备的语句。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="720"/>
        <location filename="../db/SqlCipherDriver.cpp" line="794"/>
        <source>Parameter count mismatch: the statement takes %1 values, %2 were bound.</source>
        <translation>参数个数不匹配：该语句需要 %1 个值，实际绑定了 %2 个。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="731"/>
        <source>Unable to bind parameters.</source>
        <translation>无法绑定参数。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="761"/>
        <source>Unable to execute the statement.</source>
        <translation>无法执行语句。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="783"/>
        <source>No values are bound for the batch.</source>
        <translation>批量执行未绑定任何值。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="787"/>
        <source>Each value bound for a batch must be a list.</source>
        <translation>批量执行绑定的每个值都必须是列表。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="790"/>
        <source>The lists bound for a batch differ in length.</source>
        <translation>批量执行绑定的各列表长度不一致。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="804"/>
        <source>Unable to begin the transaction.</source>
        <translation>无法开始事务。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="822"/>
        <source>Unable to commit the transaction.</source>
        <translation>无法提交事务。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="852"/>
        <location filename="../db/SqlCipherDriver.cpp" line="875"/>
        <source>Unable to fetch the next row.</source>
        <translation>无法获取下一行。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="904"/>
        <source>Unable to fetch the row.</source>
        <translation>无法获取该行。</translation>
    </message>
</context>
<context>
    <name>SyncClient</name>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="103"/>
        <source>The event %1 could not be marked as sent: %2</source>
        <translation>事件 %1 无法标记为已发送：%2</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="191"/>
        <source>The hub did not take the data: %1</source>
        <translation>中心服务器未接收数据：%1</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="208"/>
        <source>The hub sent something unreadable: %1</source>
        <translation>中心服务器发来了无法读取的内容：%1</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="215"/>
        <source>The hub refused: %1</source>
        <translation>中心服务器拒绝：%1</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="220"/>
        <source>The hub answered out of turn (%1 instead of %2).</source>
        <translation>中心服务器的应答顺序错误（收到 %1，应为 %2）。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="236"/>
        <source>The hub did not answer: %1</source>
        <translation>中心服务器无应答：%1</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="246"/>
        <source>This database has no workstation name.</source>
        <translation>该数据库没有工作站名称。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="252"/>
        <source>An enrollment code has 20 letters and digits.</source>
        <translation>注册码由 20 位字母和数字组成。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="257"/>
        <source>This database issues its own case numbers (it was created as a standalone hall). Create the workstation with &quot;oneseal-admin init --joins-hub&quot; to enroll it.</source>
        <translation>该数据库自行编制办件编号（它是作为独立大厅创建的）。如需注册，请使用“oneseal-admin init --joins-hub”创建工作站。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="272"/>
        <location filename="../app/sync/SyncClient.cpp" line="341"/>
        <source>The hub at %1:%2 cannot be reached: %3</source>
        <translation>无法连接位于 %1:%2 的中心服务器：%3</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="296"/>
        <source>The hub could not prove it knows the code; it is not the hall&apos;s hub.</source>
        <translation>中心服务器无法证明其知晓该注册码；它不是本大厅的中心服务器。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="299"/>
        <source>The hub sent a certificate that does not fit: %1</source>
        <translation>中心服务器发来的数字证书不符：%1</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="302"/>
        <source>This workstation belongs to the hall &quot;%1&quot;; the hub at %2:%3 serves &quot;%4&quot;. It was not enrolled there.</source>
        <translation>本工作站属于大厅“%1”；位于 %2:%3 的中心服务器服务于“%4”。本工作站未在该处注册。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="323"/>
        <source>This workstation is not enrolled at a hub.</source>
        <translation>本工作站尚未在中心服务器注册。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="346"/>
        <source>The server at %1:%2 is not this hall&apos;s hub (its key differs from the enrolled one).</source>
        <translation>位于 %1:%2 的服务器不是本大厅的中心服务器（其密钥与注册时的密钥不同）。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="427"/>
        <source>The hub sent %1 checkpoints in one reply, more than %2.</source>
        <translation>中心服务器在一次应答中发来 %1 个检查点，超过了 %2 个。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="436"/>
        <source>The hub sent a chain checkpoint that is unreadable, out of place or not signed by its key.</source>
        <translation>中心服务器发来的审计链检查点无法读取、位置不符或未经其密钥签名。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="517"/>
        <source>The hub sent a renewed certificate that does not fit: %1</source>
        <translation>中心服务器发来的续期证书不符：%1</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="617"/>
        <source>The hub acknowledged %1 of %2 events.</source>
        <translation>中心服务器确认了 %2 个事件中的 %1 个。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="632"/>
        <source>The hub sent a checkpoint of another chain than the one pushed.</source>
        <translation>中心服务器发来的检查点属于另一条审计链，而不是所推送的审计链。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="643"/>
        <source>The hub sent an unreadable acknowledgement.</source>
        <translation>中心服务器发来的确认信息无法读取。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="703"/>
        <source>The hub did not take the file %1 whole.</source>
        <translation>中心服务器未完整接收文件 %1。</translation>
    </message>
    <message>
        <location filename="../app/sync/SyncClient.cpp" line="758"/>
        <location filename="../app/sync/SyncClient.cpp" line="766"/>
        <source>The hub sent events out of order.</source>
        <translation>中心服务器发来的事件顺序错乱。</translation>
    </message>
    <message>
        <location filename="../app/sync/HubDataReceiver.cpp" line="58"/>
        <source>Catalog version %1 from the hub was not taken: %2</source>
        <translation>未采用中心服务器发来的事项目录版本 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/sync/HubDataReceiver.cpp" line="73"/>
        <source>A reference data item from the hub is damaged.</source>
        <translation>中心服务器发来的一项基础数据已损坏。</translation>
    </message>
    <message>
        <location filename="../app/sync/HubDataReceiver.cpp" line="94"/>
        <source>A user from the hub has no id or name.</source>
        <translation>中心服务器发来的一个用户没有标识或姓名。</translation>
    </message>
    <message>
        <location filename="../app/sync/HubDataReceiver.cpp" line="127"/>
        <source>The holiday calendar from the hub lists %1 years, more than %2.</source>
        <translation>中心服务器发来的节假日日历列有 %1 个年份，超过了 %2 个。</translation>
    </message>
    <message>
        <location filename="../app/sync/HubDataReceiver.cpp" line="135"/>
        <source>The holiday calendar from the hub was not taken: %1</source>
        <translation>未采用中心服务器发来的节假日日历：%1</translation>
    </message>
    <message>
        <location filename="../app/sync/HubDataReceiver.cpp" line="161"/>
        <source>The hub sent an unreadable number block.</source>
        <translation>中心服务器发来的号段无法读取。</translation>
    </message>
</context>
<context>
    <name>TicketRules</name>
    <message>
        <location filename="../app/core/Counter.cpp" line="56"/>
        <source>The queue ticket is too long.</source>
        <translation>排队号过长。</translation>
    </message>
    <message>
        <location filename="../app/core/Counter.cpp" line="61"/>
        <source>A queue ticket number is 1 to 16 letters and digits, like A012.</source>
        <translation>排队号为 1 至 16 个字母和数字，如 A012。</translation>
    </message>
    <message>
        <location filename="../app/core/Counter.cpp" line="65"/>
        <source>The scanned ticket&apos;s time is not a time.</source>
        <translation>扫描的排队号上的时间不是有效时间。</translation>
    </message>
    <message>
        <location filename="../app/core/Counter.cpp" line="75"/>
        <source>a queue ticket event without a valid ticket number</source>
        <translation>排队号事件缺少有效的排队号</translation>
    </message>
    <message>
        <location filename="../app/core/Counter.cpp" line="77"/>
        <source>a queue ticket event with a malformed time</source>
        <translation>排队号事件的时间格式错误</translation>
    </message>
    <message>
        <location filename="../app/core/Counter.cpp" line="83"/>
        <source>a rating that is not one of the five levels</source>
        <translation>评价不属于五个等级之一</translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <location filename="../db/Database.cpp" line="330"/>
        <source>No transaction is open.</source>
        <translation>没有已开启的事务。</translation>
    </message>
</context>
<context>
    <name>User</name>
    <message>
        <location filename="../app/core/User.cpp" line="12"/>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="14"/>
        <source>A user name has 2 to 32 letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>用户名须由2至32个字母、数字、“.”、“-”或“_”组成。</translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="21"/>
        <source>A password needs at least 8 characters.</source>
        <translation>密码至少需要8个字符。</translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="23"/>
        <source>A password cannot be only spaces.</source>
        <translation>密码不能只包含空格。</translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="25"/>
        <source>A password can have at most 256 characters.</source>
        <translation>密码最多只能有256个字符。</translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="33"/>
        <source>Enter the person&apos;s name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="35"/>
        <source>A name can have at most 64 characters.</source>
        <translation>姓名最多只能有64个字符。</translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="38"/>
        <source>A name cannot contain control characters.</source>
        <translation>姓名不能包含控制字符。</translation>
    </message>
</context>
<context>
    <name>UserDirectory</name>
    <message>
        <location filename="../db/UserDirectory.cpp" line="436"/>
        <source>The signing key %1 could not be stored: %2</source>
        <translation>无法保存签名密钥 %1：%2</translation>
    </message>
    <message>
        <location filename="../db/UserDirectory.cpp" line="490"/>
        <source>The password reset of user %1 could not end their signing key: %2</source>
        <translation>重置用户 %1 的密码时无法终止其签名密钥：%2</translation>
    </message>
</context>
<context>
    <name>UserRolesService</name>
    <message>
        <location filename="../app/services/UserRolesService.cpp" line="25"/>
        <source>This hall&apos;s users are the hub&apos;s: change roles at the hub (oneseal-admin hub user-roles).</source>
        <translation>本大厅的用户由中心服务器管理：请在中心服务器更改角色（oneseal-admin hub user-roles）。</translation>
    </message>
    <message>
        <location filename="../app/services/UserRolesService.cpp" line="27"/>
        <source>Give the user at least one role.</source>
        <translation>请为该用户至少指定一个角色。</translation>
    </message>
    <message>
        <location filename="../app/services/UserRolesService.cpp" line="31"/>
        <source>There is no user %1.</source>
        <translation>没有用户 %1。</translation>
    </message>
    <message>
        <location filename="../app/services/UserRolesService.cpp" line="36"/>
        <source>An administrator cannot take the administrator&apos;s role from themselves.</source>
        <translation>管理员不能撤销自己的管理员角色。</translation>
    </message>
    <message>
        <location filename="../app/services/UserRolesService.cpp" line="41"/>
        <source>The hall must keep at least one enabled administrator.</source>
        <translation>大厅必须保留至少一名启用状态的管理员。</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="6"/>
        <source>Verify a certificate</source>
        <translation>验证证照</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="10"/>
        <source>&amp;Paste the text of the certificate&apos;s QR code, or open a picture or PDF of the certificate:</source>
        <translation>粘贴证照二维码的文本，或打开证照的图片或 PDF(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="18"/>
        <source>OS1:…</source>
        <translation>OS1:…</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="26"/>
        <source>&amp;Open image or PDF…</source>
        <translation>打开图片或 PDF(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="27"/>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="33"/>
        <source>Load public &amp;key…</source>
        <translation>加载公钥(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="55"/>
        <source>Result</source>
        <translation>核验结果</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="60"/>
        <source>What the QR code says</source>
        <translation>二维码内容</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="62"/>
        <source>Serial:</source>
        <translation>证照编号：</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="64"/>
        <source>Matter code:</source>
        <translation>事项编码：</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="66"/>
        <source>Holder:</source>
        <translation>持证人：</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="68"/>
        <source>Holder ID:</source>
        <translation>持证人证件号码：</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="70"/>
        <source>Issued:</source>
        <translation>发证日期：</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="72"/>
        <source>Valid until:</source>
        <translation>有效期至：</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="74"/>
        <source>Document hash:</source>
        <translation>文档哈希值：</translation>
    </message>
    <message>
        <location filename="../forms/VerifyDialog.ui" line="76"/>
        <source>Signing key:</source>
        <translation>签名密钥：</translation>
    </message>
</context>
<context>
    <name>WorkCalendar</name>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="52"/>
        <source>The holiday file is %1 bytes long; a year file has at most %2.</source>
        <translation>节假日文件长度为 %1 字节；年度文件最多 %2 字节。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="59"/>
        <source>The holiday file is not valid JSON: %1 (at byte %2).</source>
        <translation>节假日文件不是有效的 JSON：%1（位于第 %2 字节）。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="65"/>
        <source>The holiday file must be a JSON object with &quot;year&quot;, &quot;papers&quot; and &quot;days&quot;.</source>
        <translation>节假日文件必须是包含 &quot;year&quot;、&quot;papers&quot; 和 &quot;days&quot; 的 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="74"/>
        <source>The holiday file must give its &quot;year&quot; as a number between %1 and %2.</source>
        <translation>节假日文件必须以 %1 至 %2 之间的数字给出 &quot;year&quot;。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="87"/>
        <source>The holiday file for %1 must list its State Council notices in &quot;papers&quot; (a list of addresses).</source>
        <translation>%1年节假日文件必须在 &quot;papers&quot; 中列出国务院办公厅的相关通知（网址列表）。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="95"/>
        <source>The holiday file for %1 has no &quot;days&quot; list.</source>
        <translation>%1年节假日文件缺少 &quot;days&quot; 列表。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="101"/>
        <source>The holiday file for %1 lists no days: the arrangement for %1 is not published yet, so %1 has no working-day calendar.</source>
        <translation>%1年节假日文件未列出任何日期：%1年的节假日安排尚未公布，因此%1年暂无工作日日历。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="107"/>
        <source>The holiday file for %1 lists %2 days, more than a year has.</source>
        <translation>%1 年的节假日文件列有 %2 天，超过了一年的天数。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="118"/>
        <source>Entry %1 of the holiday file for %2 needs a &quot;name&quot;, a &quot;date&quot; and &quot;isOffDay&quot; (true or false).</source>
        <translation>%2年节假日文件的第%1项需要包含 &quot;name&quot;、&quot;date&quot; 和 &quot;isOffDay&quot;（true 或 false）。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="127"/>
        <source>Entry %1 of the holiday file for %2 has the date “%3”, which is not a real date written YYYY-MM-DD.</source>
        <translation>%2年节假日文件第%1项的日期为“%3”，不是 YYYY-MM-DD 格式的有效日期。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="136"/>
        <source>Entry %1 of the holiday file for %2 is dated %3, outside %2 and the end of %4.</source>
        <translation>%2年节假日文件第%1项的日期为 %3，既不在%2年内，也不在%4年年末。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="144"/>
        <source>The holiday file for %1 lists %2 twice.</source>
        <translation>%1年节假日文件重复列出了 %2。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="169"/>
        <source>The holiday file for %1 makes %2 a %3, but the loaded file for %4 makes it a %5.</source>
        <translation>%1年节假日文件将 %2 定为%3，但已加载的%4年文件将其定为%5。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="172"/>
        <location filename="../app/core/WorkCalendar.cpp" line="174"/>
        <source>day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="172"/>
        <location filename="../app/core/WorkCalendar.cpp" line="174"/>
        <source>working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="243"/>
        <source>The holiday calendar for %1 is not loaded, so this date is uncertain: it counts Monday to Friday as working days.</source>
        <translation>未加载%1年的节假日日历，因此该日期不确定：暂按周一至周五为工作日计算。</translation>
    </message>
    <message>
        <location filename="../app/core/WorkCalendar.cpp" line="246"/>
        <source>The holiday calendars for %1 are not loaded, so this date is uncertain: it counts Monday to Friday as working days.</source>
        <translation>未加载%1年的节假日日历，因此该日期不确定：暂按周一至周五为工作日计算。</translation>
    </message>
</context>
<context>
    <name>WorkQueueWidget</name>
    <message>
        <location filename="../forms/WorkQueueWidget.ui" line="10"/>
        <source>&amp;Queue of:</source>
        <translation>工作队列(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../forms/WorkQueueWidget.ui" line="19"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../forms/WorkQueueWidget.ui" line="20"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../forms/WorkQueueWidget.ui" line="50"/>
        <source>Red: overdue · yellow: due within a few working days · Enter opens the case.</source>
        <translation>红色：已超期 · 黄色：数个工作日内到期 · 按 Enter 打开办件。</translation>
    </message>
    <message>
        <location filename="../forms/WorkQueueWidget.ui" line="58"/>
        <source>Clock and extension… (Ctrl+K)</source>
        <translation>暂停计时与延期…（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../forms/WorkQueueWidget.ui" line="63"/>
        <source>&amp;Open case…</source>
        <translation>打开办件(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>Workflow</name>
    <message>
        <location filename="../app/core/Workflow.cpp" line="104"/>
        <source>Your role does not allow this. Ask a colleague who holds the right role, or the hall administrator.</source>
        <translation>您的角色无权执行此操作。请联系具有相应角色的同事或大厅系统管理员。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="106"/>
        <source>This case was not accepted, so it does not go to the back office.</source>
        <translation>该办件未予受理，不进入后台办理环节。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="109"/>
        <source>You accepted case %1 at the window. Intake, review, inspection, decision and issuance are separate hands: a colleague must do this.</source>
        <translation>办件 %1 是您在窗口受理的。受理、审查、勘验、决定和发证须由不同人员办理：此步骤须由同事办理。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="116"/>
        <source>Case %1 is in conflict: two workstations recorded contradictory steps while apart. A supervisor must resolve it first.</source>
        <translation>办件 %1 存在冲突：两个工作站在离线期间记录了相互矛盾的办理步骤。须先由监督人员处理。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="122"/>
        <location filename="../app/core/Workflow.cpp" line="248"/>
        <location filename="../app/core/Workflow.cpp" line="396"/>
        <source>Case %1 is completed; nothing more can be done to it.</source>
        <translation>办件 %1 已办结，不能再进行任何操作。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="124"/>
        <source>The clock of case %1 stands still for %2; record its end first.</source>
        <translation>办件 %1 因%2暂停计时；请先登记其结束。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="138"/>
        <source>Case %1 is a bundle: choose the matter this step is about.</source>
        <translation>办件 %1 是“一件事”办件：请选择此步骤所涉及的事项。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="146"/>
        <source>Case %1 has one certificate per matter: choose the matter whose certificate this is.</source>
        <translation>办件 %1 的每个事项各有一份证照：请选择该证照所属的事项。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="157"/>
        <location filename="../app/core/Workflow.cpp" line="353"/>
        <location filename="../app/core/Workflow.cpp" line="359"/>
        <source>The matter %1 of case %2 has already been decided.</source>
        <translation>办件 %2 的事项 %1 已作出决定。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="176"/>
        <location filename="../app/core/Workflow.cpp" line="202"/>
        <location filename="../app/core/Workflow.cpp" line="351"/>
        <source>Case %1 waits for corrected materials; record their arrival first.</source>
        <translation>办件 %1 正在等待补正材料；请先登记补正材料已收到。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="178"/>
        <source>The matter %1 of case %2 has not been reviewed yet.</source>
        <translation>办件 %2 的事项 %1 尚未审查。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="182"/>
        <source>Refusal of %1 (case %2) was proposed at review; it cannot be approved.</source>
        <translation>%1（办件 %2）在审查时已被建议不予许可，不能准予许可。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="184"/>
        <source>%1 (case %2) failed its site inspection; it cannot be approved.</source>
        <translation>%1（办件 %2）现场勘验不合格，不能准予许可。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="186"/>
        <source>%1 (case %2) needs a passed site inspection before it can be approved.</source>
        <translation>%1（办件 %2）须经现场勘验合格后方可准予许可。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="204"/>
        <source>Case %1 has already been reviewed.</source>
        <translation>办件 %1 已经审查。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="208"/>
        <source>No correction was requested for case %1.</source>
        <translation>办件 %1 未被要求补正。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="214"/>
        <location filename="../app/core/Workflow.cpp" line="236"/>
        <source>Case %1 has not passed review yet.</source>
        <translation>办件 %1 尚未通过审查。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="216"/>
        <source>A visit is already scheduled for case %1.</source>
        <translation>办件 %1 已安排勘验。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="217"/>
        <source>Case %1 does not wait for a site inspection.</source>
        <translation>办件 %1 不处于待现场勘验状态。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="221"/>
        <source>No site visit of case %1 is waiting for its result.</source>
        <translation>办件 %1 没有待录入结果的现场勘验。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="225"/>
        <source>No rectification of case %1 is open.</source>
        <translation>办件 %1 没有进行中的整改。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="231"/>
        <source>Case %1 needs a passed site inspection before it can be approved.</source>
        <translation>办件 %1 须经现场勘验合格后方可准予许可。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="233"/>
        <source>Case %1 was proposed for refusal or failed its inspection; it cannot be approved.</source>
        <translation>办件 %1 已被建议不予许可或勘验不合格，不能准予许可。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="235"/>
        <location filename="../app/core/Workflow.cpp" line="241"/>
        <location filename="../app/core/Workflow.cpp" line="281"/>
        <location filename="../app/core/Workflow.cpp" line="291"/>
        <source>Case %1 has already been decided.</source>
        <translation>办件 %1 已作出审批决定。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="242"/>
        <source>Case %1 is not ready for a decision.</source>
        <translation>办件 %1 尚不具备作出审批决定的条件。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="245"/>
        <source>Case %1 has no decision to seal yet.</source>
        <translation>办件 %1 尚无待用印的审批决定。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="252"/>
        <source>Case %1 has not been approved.</source>
        <translation>办件 %1 尚未准予许可。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="253"/>
        <source>Case %1 already has a certificate printed.</source>
        <translation>办件 %1 已打印证照。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="255"/>
        <source>The approval of case %1 has not been sealed yet.</source>
        <translation>办件 %1 的准予许可决定尚未用印。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="257"/>
        <location filename="../app/core/Workflow.cpp" line="392"/>
        <source>Certificate %1 is numbered but not printed yet; print it or void it.</source>
        <translation>证照 %1 已取号但尚未打印；请打印或作废。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="261"/>
        <source>Take a new certificate number for case %1 first.</source>
        <translation>请先为办件 %1 取新的证照编号。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="265"/>
        <source>Case %1 has no printed certificate to print again.</source>
        <translation>办件 %1 没有可重打的已打印证照。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="269"/>
        <source>Case %1 has no certificate to void.</source>
        <translation>办件 %1 没有可作废的证照。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="273"/>
        <location filename="../app/core/Workflow.cpp" line="328"/>
        <source>Case %1 has no printed certificate to hand over.</source>
        <translation>办件 %1 没有可出证的已打印证照。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="275"/>
        <location filename="../app/core/Workflow.cpp" line="330"/>
        <source>A core material of case %1 is still owed (容缺); the certificate is issued only once it is supplied.</source>
        <translation>办件 %1 尚有容缺的核心材料未补交；须补交后方可出证。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="283"/>
        <location filename="../app/core/Workflow.cpp" line="374"/>
        <source>The clock of case %1 already stands still.</source>
        <translation>办件 %1 已暂停计时。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="287"/>
        <source>The clock of case %1 is not stopped for a hearing, testing or expert review.</source>
        <translation>办件 %1 未因听证、检验检测鉴定或专家评审而暂停计时。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="293"/>
        <source>The clock of case %1 stands still; extend it once it runs again.</source>
        <translation>办件 %1 正在暂停计时；请在恢复计时后再延期。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="295"/>
        <source>The time limit of case %1 was already extended by %2 working days, the most the law allows.</source>
        <translation>办件 %1 的办理期限已延长 %2 个工作日，已达法律允许的上限。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="302"/>
        <source>Case %1 has already been decided; an approval is revoked, not terminated.</source>
        <translation>办件 %1 已作出审批决定；已准予的行政许可应予撤销，而不是终止办理。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="306"/>
        <source>Case %1 holds no approval to revoke.</source>
        <translation>办件 %1 没有可撤销的行政许可。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="310"/>
        <source>Case %1 is not an approval on a pledge (告知承诺).</source>
        <translation>办件 %1 不是以告知承诺方式准予的行政许可（告知承诺）。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="312"/>
        <source>The pledge of case %1 has already been checked.</source>
        <translation>办件 %1 的告知承诺已核查过。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="315"/>
        <source>Unknown step.</source>
        <translation>未知步骤。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="324"/>
        <source>The certificate of %1 (case %2) is not printed yet; every licence of the case is handed over together.</source>
        <translation>%1（办件 %2）的证照尚未打印；该办件的所有许可证一并交付。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="337"/>
        <source>%1 is not a matter of case %2.</source>
        <translation>%1 不是办件 %2 的事项。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="343"/>
        <source>%1 was refused and is a precondition of the other matters of case %2: %3 can only be refused.</source>
        <translation>%1 已不予许可，且是办件 %2 其他事项的前置条件：%3 只能不予许可。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="355"/>
        <source>The matter %1 of case %2 has already been reviewed.</source>
        <translation>办件 %2 的事项 %1 已审查。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="361"/>
        <source>%1 (case %2) has not passed review yet.</source>
        <translation>%1（办件 %2）尚未通过审查。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="363"/>
        <source>%1 (case %2) needs no site inspection.</source>
        <translation>%1（办件 %2）无需现场勘验。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="365"/>
        <source>A visit is already scheduled for %1 (case %2).</source>
        <translation>%1（办件 %2）已安排勘验。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="367"/>
        <source>%1 (case %2) does not wait for a site inspection.</source>
        <translation>%1（办件 %2）不处于待现场勘验状态。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="372"/>
        <source>No site visit of %1 (case %2) is waiting for its result.</source>
        <translation>%1（办件 %2）没有待录入结果的现场勘验。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="378"/>
        <source>No rectification of %1 (case %2) is open.</source>
        <translation>%1（办件 %2）没有进行中的整改。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="382"/>
        <source>The matter %1 of case %2 has no decision to seal yet.</source>
        <translation>办件 %2 的事项 %1 尚无可用印的决定。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="386"/>
        <source>The matter %1 of case %2 has not been approved.</source>
        <translation>办件 %2 的事项 %1 未获批准。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="388"/>
        <source>Every matter of case %1 must be decided before its certificates are made.</source>
        <translation>办件 %1 的所有事项均作出决定后方可制证。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="390"/>
        <source>The approval of %1 (case %2) has not been sealed yet.</source>
        <translation>%1（办件 %2）的许可决定尚未用印。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="394"/>
        <source>The certificate of %1 (case %2) is already printed.</source>
        <translation>%1（办件 %2）的证照已打印。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="400"/>
        <source>Take a new certificate number for %1 (case %2) first.</source>
        <translation>请先为 %1（办件 %2）取新的证照编号。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="404"/>
        <source>%1 (case %2) has no printed certificate to print again.</source>
        <translation>%1（办件 %2）没有可重新打印的已打印证照。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="408"/>
        <source>%1 (case %2) has no certificate to void.</source>
        <translation>%1（办件 %2）没有可作废的证照。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="457"/>
        <source>Give the %1.</source>
        <translation>请填写%1。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="459"/>
        <source>The %1 may be at most %2 characters long.</source>
        <translation>%1最多只能有%2个字符。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="463"/>
        <source>The %1 contain a control character; type them again.</source>
        <translation>%1含有控制字符，请重新输入。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="474"/>
        <source>A site inspection needs at least two different inspectors (Administrative Licensing Law, art. 34).</source>
        <translation>现场勘验至少需要两名不同的勘验人员（《行政许可法》第三十四条）。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="476"/>
        <source>Each inspector may be named once.</source>
        <translation>每名勘验人员只能指定一次。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="478"/>
        <source>The clerk who accepted the case may not inspect it.</source>
        <translation>受理该办件的窗口人员不得参与其勘验。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="514"/>
        <source>No owed material of case %1 is overdue.</source>
        <translation>办件 %1 没有逾期的容缺材料。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="518"/>
        <source>A licence of case %1 is printed: revoke the approval instead of terminating the case.</source>
        <translation>办件 %1 已打印许可证：请撤销行政许可，而不是终止办理。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="519"/>
        <source>Case %1 was approved: revoke the approval instead of terminating the case.</source>
        <translation>办件 %1 已准予许可：请撤销行政许可，而不是终止办理。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="522"/>
        <source>The catalog ends case %1 by termination when an owed material is overdue: terminate the case instead of revoking the approval.</source>
        <translation>按事项目录规定，容缺材料逾期时办件 %1 以终止办理结束：请终止办理，而不是撤销行政许可。</translation>
    </message>
    <message>
        <location filename="../app/core/Workflow.cpp" line="525"/>
        <source>Case %1 was not approved: terminate the case instead.</source>
        <translation>办件 %1 未准予许可：请改为终止办理。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/client/main.cpp" line="29"/>
        <source>OneSeal window-staff client</source>
        <translation>OneSeal 窗口工作人员客户端</translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="33"/>
        <source>The hall database file.</source>
        <translation>大厅数据库文件。</translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="34"/>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="37"/>
        <source>Create the demo hall if there is none.</source>
        <translation>如尚无大厅，则创建演示大厅。</translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="40"/>
        <source>Show the login window and quit as soon as it is on the screen (start-up time).</source>
        <translation>显示登录窗口，一出现即退出（用于测量启动时间）。</translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="50"/>
        <location filename="../app/client/main.cpp" line="57"/>
        <source>OneSeal</source>
        <translation>OneSeal</translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="51"/>
        <source>There is no hall database at %1.
Create one with &apos;oneseal-admin init&apos;, or start with --demo.</source>
        <translation>%1 处没有大厅数据库。
请用“oneseal-admin init”创建，或以 --demo 参数启动。</translation>
    </message>
</context>
<context>
    <name>oneseal::db::SqlCipherDriver</name>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1144"/>
        <source>The database key must be 256 bits (64 hexadecimal digits).</source>
        <translation>数据库密钥必须为256位（64位十六进制数）。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1148"/>
        <source>The database file %1 does not exist.</source>
        <translation>数据库文件 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1150"/>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1153"/>
        <source>The file %1 is empty: it is not an OneSeal database.</source>
        <translation>文件 %1 为空：不是 OneSeal 数据库。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1167"/>
        <source>Unable to open the database file %1.</source>
        <translation>无法打开数据库文件 %1。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1174"/>
        <source>Unable to set the database key.</source>
        <translation>无法设置数据库密钥。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1189"/>
        <source>The key does not open this database, or the file is not an OneSeal database, or it is damaged.</source>
        <translation>该密钥无法打开此数据库，或该文件不是 OneSeal 数据库，或文件已损坏。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1194"/>
        <source>Unable to switch the database to WAL mode.</source>
        <translation>无法将数据库切换为 WAL 模式。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1198"/>
        <source>Unable to set the durability level.</source>
        <translation>无法设置持久性级别。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1199"/>
        <source>Unable to enable foreign keys.</source>
        <translation>无法启用外键约束。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1200"/>
        <source>Unable to enable recursive triggers.</source>
        <translation>无法启用递归触发器。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1241"/>
        <source>Unable to begin the transaction.</source>
        <translation>无法开始事务。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1252"/>
        <source>Unable to commit the transaction.</source>
        <translation>无法提交事务。</translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="1270"/>
        <source>Unable to roll back the transaction.</source>
        <translation>无法回滚事务。</translation>
    </message>
</context>
<context>
    <name>oneseal::devices::HallCaller</name>
    <message>
        <location filename="../app/devices/HallCaller.cpp" line="24"/>
        <source>The calling system did not answer within %1 s.</source>
        <translation>叫号系统在 %1 秒内未应答。</translation>
    </message>
    <message>
        <location filename="../app/devices/HallCaller.cpp" line="42"/>
        <source>No calling system is configured.</source>
        <translation>未配置叫号系统。</translation>
    </message>
    <message>
        <location filename="../app/devices/HallCaller.cpp" line="51"/>
        <source>The calling system&apos;s address is not a valid URL.</source>
        <translation>叫号系统的地址不是有效的 URL。</translation>
    </message>
    <message>
        <location filename="../app/devices/HallCaller.cpp" line="59"/>
        <source>The calling system&apos;s command is empty.</source>
        <translation>叫号系统的命令为空。</translation>
    </message>
    <message>
        <location filename="../app/devices/HallCaller.cpp" line="73"/>
        <source>The calling system is still being called; wait a moment.</source>
        <translation>正在呼叫叫号系统；请稍候。</translation>
    </message>
    <message>
        <location filename="../app/devices/HallCaller.cpp" line="92"/>
        <source>The calling system answered: %1</source>
        <translation>叫号系统应答：%1</translation>
    </message>
    <message>
        <location filename="../app/devices/HallCaller.cpp" line="101"/>
        <source>The calling system&apos;s command could not start: %1</source>
        <translation>叫号系统的命令无法启动：%1</translation>
    </message>
    <message>
        <location filename="../app/devices/HallCaller.cpp" line="107"/>
        <source>The calling system&apos;s command failed (exit code %1): %2</source>
        <translation>叫号系统的命令执行失败（退出码 %1）：%2</translation>
    </message>
</context>
<context>
    <name>oneseal::devices::IdCardReader</name>
    <message>
        <location filename="../app/devices/IdCardReader.cpp" line="16"/>
        <source>The ID card reader stopped answering in the middle of a reading; check its cable and read the card again.</source>
        <translation>身份证阅读器在读卡过程中停止应答；请检查线缆后重新读卡。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardReader.cpp" line="33"/>
        <source>The ID card reader&apos;s port failed (%1); check its cable.</source>
        <translation>身份证阅读器端口故障（%1）；请检查线缆。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardReader.cpp" line="45"/>
        <source>Unable to open the ID card reader on %1: %2</source>
        <translation>无法打开 %1 上的身份证阅读器：%2</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardReader.cpp" line="70"/>
        <source>No ID card reader is connected; set its port in Devices settings.</source>
        <translation>未连接身份证阅读器；请在“设备”设置中设置其端口。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardReader.cpp" line="108"/>
        <source>The ID card reader sent more than any answer holds; reading stopped.</source>
        <translation>身份证阅读器发送的数据超出任何应答的长度；已停止读卡。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardReader.cpp" line="115"/>
        <source>Read the card again.</source>
        <translation>请重新读卡。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardReader.cpp" line="139"/>
        <source>No card on the ID card reader: place the card on it and read again.</source>
        <translation>身份证阅读器上没有身份证：请放上身份证后重新读卡。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardReader.cpp" line="153"/>
        <source>The ID card reader&apos;s answer holds no card text. Read the card again.</source>
        <translation>身份证阅读器的应答中没有身份证文字信息。请重新读卡。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardReader.cpp" line="159"/>
        <source>The ID card reader&apos;s answer is shorter than it says. Read the card again.</source>
        <translation>身份证阅读器的应答比其声明的长度短。请重新读卡。</translation>
    </message>
    <message>
        <location filename="../app/devices/IdCardReader.cpp" line="175"/>
        <source>The ID card reader says: %1.</source>
        <translation>身份证阅读器提示：%1。</translation>
    </message>
</context>
<context>
    <name>oneseal::sync::HubConnection</name>
    <message>
        <location filename="../app/hub/HubConnection.cpp" line="48"/>
        <source>idle for too long</source>
        <translation>空闲时间过长</translation>
    </message>
    <message>
        <location filename="../app/hub/HubConnection.cpp" line="73"/>
        <source>Enroll promptly or connect with a certificate.</source>
        <translation>请尽快注册，或使用证书连接。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubConnection.cpp" line="150"/>
        <source>Frames must be numbered in increasing order; this one was not (replayed?).</source>
        <translation>数据帧必须按递增顺序编号；此数据帧不符合（可能是重放？）。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubConnection.cpp" line="160"/>
        <source>This hub accepts only enrolled workstations with their certificate.</source>
        <translation>本中心服务器只接受持有数字证书的已注册工作站。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubConnection.cpp" line="184"/>
        <source>Unknown frame type %1.</source>
        <translation>未知的数据帧类型 %1。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubConnection.cpp" line="207"/>
        <source>This workstation&apos;s certificate is no longer accepted.</source>
        <translation>本工作站的证书已不再被接受。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubConnection.cpp" line="218"/>
        <source>No event stored at the hub refers to file %1: push the event first.</source>
        <translation>中心服务器上没有任何事件引用文件 %1：请先推送该事件。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubConnection.cpp" line="223"/>
        <source>This workstation has %1 MiB of unfinished file uploads at the hub, the most it may have; finish them first.</source>
        <translation>本工作站在中心服务器上有 %1 MiB 未完成的文件上传，已达上限；请先完成这些上传。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubConnection.cpp" line="260"/>
        <source>The workstation name does not match its certificate.</source>
        <translation>工作站名称与其数字证书不符。</translation>
    </message>
    <message>
        <location filename="../app/hub/HubConnection.cpp" line="309"/>
        <source>Only a restored hub takes events of other workstations.</source>
        <translation>只有经过恢复的中心服务器才接收其他工作站的事件。</translation>
    </message>
</context>
<context>
    <name>oneseal::sync::TlsServer</name>
    <message>
        <location filename="../app/hub/TlsServer.cpp" line="43"/>
        <source>too many handshakes from this address at once</source>
        <translation>来自此地址的同时握手过多</translation>
    </message>
    <message>
        <location filename="../app/hub/TlsServer.cpp" line="49"/>
        <source>dropped for a newer connection: too many handshakes at once</source>
        <translation>同时握手过多，已为新连接让出</translation>
    </message>
    <message>
        <location filename="../app/hub/TlsServer.cpp" line="58"/>
        <source>TLS handshake timed out</source>
        <translation>TLS 握手超时</translation>
    </message>
    <message>
        <location filename="../app/hub/TlsServer.cpp" line="66"/>
        <source>closed during the TLS handshake</source>
        <translation>在 TLS 握手期间连接被关闭</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::ApplicantScreen</name>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="36"/>
        <source>OneSeal — applicant&apos;s screen</source>
        <translation>OneSeal — 申请人屏幕</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="43"/>
        <source>Welcome. Please wait for the clerk.</source>
        <translation>欢迎您。请稍候，工作人员马上为您办理。</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="115"/>
        <source>&lt;p&gt;Ticket &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;排队号 &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="117"/>
        <source>&lt;p&gt;Applicant: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp; ID: &lt;b&gt;%2&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;申请人：&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; 证件号码：&lt;b&gt;%2&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="120"/>
        <source>&lt;p&gt;Matter: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;事项：&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="128"/>
        <source>&lt;p&gt;Completed at the window today.&lt;/p&gt;</source>
        <translation>&lt;p&gt;已在窗口当场办结。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="130"/>
        <source>&lt;p&gt;Promised by &lt;b&gt;%1&lt;/b&gt; (legal limit %2)&lt;/p&gt;</source>
        <translation>&lt;p&gt;承诺办结日期 &lt;b&gt;%1&lt;/b&gt;（法定办结期限 %2）&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="139"/>
        <source>being checked</source>
        <translation>核验中</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="140"/>
        <source>received</source>
        <translation>已收取</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="141"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="142"/>
        <source>may be handed in later</source>
        <translation>可容缺后补</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="143"/>
        <source>not needed</source>
        <translation>无需提交</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="144"/>
        <source>from shared data</source>
        <translation>来自共享数据</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="148"/>
        <source>&lt;p&gt;Materials: %1 of %2 received&lt;/p&gt;</source>
        <translation>&lt;p&gt;材料：已收取 %1 份，共 %2 份&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="160"/>
        <source>&lt;p&gt;Your application %1 (%2) has been handled.&lt;/p&gt;&lt;p&gt;How satisfied are you with our service?&lt;/p&gt;</source>
        <translation>&lt;p&gt;您的申请 %1（%2）已办理完毕。&lt;/p&gt;&lt;p&gt;您对我们的服务是否满意？&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/ApplicantScreen.cpp" line="178"/>
        <source>Thank you for your rating.</source>
        <translation>感谢您的评价。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::CalibrationDialog</name>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="42"/>
        <source>PDF file</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="49"/>
        <source>Save the alignment page</source>
        <translation>保存对位校准页</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="49"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="62"/>
        <location filename="../app/ui/CalibrationDialog.cpp" line="255"/>
        <source>Only a certificate operator or an administrator may save a correction.</source>
        <translation>只有制证发证人员或系统管理员才能保存校正值。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="122"/>
        <source>%1 mm, %2 mm</source>
        <translation>%1 毫米，%2 毫米</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="130"/>
        <source>None: this printer prints the template exactly as it is laid out.</source>
        <translation>无：该打印机完全按模板版式打印。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="132"/>
        <source>x offset %1 mm, y offset %2 mm, scale %3 (set by %4 on %5)</source>
        <translation>横向偏移 %1 毫米，纵向偏移 %2 毫米，缩放比例 %3（由 %4 于 %5 设置）</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="151"/>
        <location filename="../app/ui/CalibrationDialog.cpp" line="188"/>
        <source>Choose a certificate template.</source>
        <translation>请选择证照模板。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="168"/>
        <source>The alignment page is in %1. Print it at actual size, measure the crosses and type the figures below.</source>
        <translation>对位校准页已保存至 %1。请按实际尺寸打印，测量各十字的位置，并在下方填入数值。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="181"/>
        <source>The alignment page went to %1. Measure the crosses and type the figures below.</source>
        <translation>对位校准页已发送至 %1。请测量各十字的位置，并在下方填入数值。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="201"/>
        <source>Cross %1: type both figures, from the left and from the top, or neither.</source>
        <translation>十字 %1：请同时填写距左边缘和距上边缘的两个数值，或两者都不填。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="215"/>
        <source>Cross %1: &quot;%2&quot; is not a number of millimetres.</source>
        <translation>十字 %1：“%2”不是有效的毫米数值。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="221"/>
        <source>Cross %1: %2 mm is not on the %3 × %4 mm sheet; measure from the paper&apos;s left and top edges.</source>
        <translation>十字 %1：%2 毫米超出了 %3 × %4 毫米的纸张范围；请从纸张的左边缘和上边缘量起。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="232"/>
        <source>Type where at least one cross landed on the printed alignment page.</source>
        <translation>请至少填写一个十字在已打印的对位校准页上的实际位置。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="250"/>
        <source>Correction: x offset %1 mm, y offset %2 mm, scale %3</source>
        <translation>校正值：横向偏移 %1 毫米，纵向偏移 %2 毫米，缩放比例 %3</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="254"/>
        <source>Check the correction and save it.</source>
        <translation>请核对校正值并保存。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="276"/>
        <source>Saved: %1 now prints %2 moved by %3 mm, %4 mm at scale %5. Print the alignment page again to check it.</source>
        <translation>已保存：%1 现在打印 %2 时将移动 %3 毫米、%4 毫米，缩放比例为 %5。请再次打印对位校准页进行检查。</translation>
    </message>
    <message>
        <location filename="../app/ui/CalibrationDialog.cpp" line="292"/>
        <source>Reset: %1 prints %2 without correction.</source>
        <translation>已归零：%1 打印 %2 时不再校正。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::CaseListModel</name>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="43"/>
        <source> (uncertain)</source>
        <translation>（不确定）</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="55"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="56"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="57"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="58"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="59"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="60"/>
        <source>Promised by</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseListModel.cpp" line="61"/>
        <source>Clerk</source>
        <translation>受理人员</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::CaseLookupWidget</name>
    <message numerus="yes">
        <location filename="../app/ui/CaseLookupWidget.cpp" line="45"/>
        <source>%n case(s) taken in by you today.</source>
        <translation>
            <numerusform>您今日已受理%n件。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="53"/>
        <source>No case matches &quot;%1&quot;.</source>
        <translation>没有与“%1”匹配的办件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/CaseLookupWidget.cpp" line="54"/>
        <source>%n case(s) found.</source>
        <translation>
            <numerusform>共找到%n个办件。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="73"/>
        <source>&lt;p&gt;Applicant: %1 (%2) · phone %3&lt;/p&gt;</source>
        <translation>&lt;p&gt;申请人：%1（%2）· 电话 %3&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="76"/>
        <source>&lt;p&gt;Agent: %1 (%2)&lt;/p&gt;</source>
        <translation>&lt;p&gt;代理人：%1（%2）&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="78"/>
        <source>&lt;p&gt;Status: %1 · received %2 by %3 · promised by %4 · legal limit %5&lt;/p&gt;</source>
        <translation>&lt;p&gt;状态：%1 · %2 由 %3 受理 · 承诺办结日期 %4 · 法定办结期限 %5&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="86"/>
        <source>, due %1</source>
        <translation>，补交截止日期 %1</translation>
    </message>
    <message>
        <location filename="../app/ui/CaseLookupWidget.cpp" line="88"/>
        <source>&lt;p&gt;Notices printed: %1 · scans: %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;已打印通知书：%1 · 扫描件：%2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::CertificateWindowWidget</name>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="58"/>
        <source>Holder in person</source>
        <translation>持证人本人</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="59"/>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="68"/>
        <source>Save the certificates as PDF</source>
        <translation>将证照保存为 PDF</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="68"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="71"/>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="76"/>
        <source>PDF file…</source>
        <translation>PDF 文件…</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="79"/>
        <source>Shows the certificates first; print them from the preview.</source>
        <translation>先显示证照，再从预览中打印。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="132"/>
        <source>No case has the number %1.</source>
        <translation>没有编号为 %1 的办件。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="144"/>
        <source>Find a case by its number.</source>
        <translation>请按办件编号查找办件。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="262"/>
        <source>Certificate %1 was not printed; its number stays reserved for this case.</source>
        <translation>证照 %1 未打印；该编号仍为本办件保留。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="255"/>
        <source>Certificate %1 printed.</source>
        <translation>证照 %1 已打印。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="325"/>
        <source>Nothing was printed.</source>
        <translation>未打印任何内容。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="323"/>
        <source>Reprinted; the reprint is counted on the record.</source>
        <translation>已重打；本次重打已记录在案。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="176"/>
        <source>Received %1 · printed %2 · spoiled %3 · voided %4 · remaining %5 · next sheet %6</source>
        <translation>入库 %1 · 已打印 %2 · 废页 %3 · 已作废 %4 · 剩余 %5 · 下一页 %6</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="182"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="185"/>
        <source>Mismatch:</source>
        <translation>不符：</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="191"/>
        <source>Mismatch in the stock of %1:</source>
        <translation>%1 的证照纸不符：</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="203"/>
        <source>Received sheets %1–%2.</source>
        <translation>已入库第 %1–%2 页。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="214"/>
        <source>Sheet %1 recorded as spoiled.</source>
        <translation>第 %1 页已登记为废页。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="223"/>
        <source>Shift handed over; the report was printed and recorded.</source>
        <translation>已完成交接班；交接报告已打印并登记。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="280"/>
        <source>Reprint which certificate?</source>
        <translation>重打哪一份证照？</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="281"/>
        <source>Void which certificate?</source>
        <translation>作废哪一份证照？</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="283"/>
        <source>Case %1 has one certificate per matter. Choose one (arrows, Enter; Esc cancels):</source>
        <translation>办件 %1 的每个事项各有一份证照。请选择一份（方向键、Enter；Esc 取消）：</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="294"/>
        <source>%1 — certificate %2</source>
        <translation>%1 — 证照 %2</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="300"/>
        <source>No certificate of case %1 can be reprinted or voided now.</source>
        <translation>办件 %1 当前没有可重打或作废的证照。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="342"/>
        <source>The certificate is void; its number will not be used again.</source>
        <translation>证照已作废；其编号不会再次使用。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="358"/>
        <source>Handed over; case %1 is completed on time.</source>
        <translation>已出证；办件 %1 按期办结。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="359"/>
        <source>Handed over; case %1 is completed, late.</source>
        <translation>已出证；办件 %1 已办结，但已超期。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="382"/>
        <source> (core material owed)</source>
        <translation>（核心材料待补交）</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="406"/>
        <source>Select the cases to print in the list of cases ready for a certificate.</source>
        <translation>请在待制证办件列表中选择要打印的办件。</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="441"/>
        <source>%1: printed as %2, but not recorded: %3</source>
        <translation>%1：已打印为 %2，但未登记：%3</translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="446"/>
        <source>Nothing was printed (%1); the numbers %2 stay reserved for their cases.</source>
        <translation>未打印任何内容（%1）；编号 %2 仍为各自办件保留。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="451"/>
        <source>%n certificate(s) written to %1: %2.</source>
        <translation>
            <numerusform>已将 %n 张证照写入 %1：%2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="453"/>
        <source>%n certificate(s) printed: %1.</source>
        <translation>
            <numerusform>已打印 %n 张证照：%1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/CertificateWindowWidget.cpp" line="456"/>
        <source>Not printed:</source>
        <translation>未打印：</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::ChangePasswordDialog</name>
    <message>
        <location filename="../app/ui/ChangePasswordDialog.cpp" line="23"/>
        <source>Your password was set by an administrator. Choose your own before you start work; your signing key is made with it.</source>
        <translation>您的密码由管理员设置。开始工作前请设置您自己的密码；您的签名密钥将以此生成。</translation>
    </message>
    <message>
        <location filename="../app/ui/ChangePasswordDialog.cpp" line="31"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::ChecklistModel</name>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="97"/>
        <source>not checked</source>
        <translation>未核对</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="98"/>
        <source>received</source>
        <translation>已收取</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="99"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="100"/>
        <source>deferred</source>
        <translation>容缺</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="101"/>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="102"/>
        <source>shared data</source>
        <translation>共享获取</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="111"/>
        <source>required</source>
        <translation>必要</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="112"/>
        <source>optional</source>
        <translation>非必要</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="113"/>
        <source>required, may be deferred</source>
        <translation>必要，可容缺</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="116"/>
        <source>, core</source>
        <translation>，核心材料</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="140"/>
        <source>original</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="140"/>
        <source>copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="203"/>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="204"/>
        <source>Requirement</source>
        <translation>必要性</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="205"/>
        <source>State</source>
        <translation>核对情况</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="206"/>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="207"/>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="208"/>
        <source>Due</source>
        <translation>补交截止日期</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="209"/>
        <source>Note / reason</source>
        <translation>备注/原因</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistModel.cpp" line="210"/>
        <source>Scans</source>
        <translation>扫描件</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::ClockDialog</name>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="74"/>
        <source>There is no such case.</source>
        <translation>不存在该办件。</translation>
    </message>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="77"/>
        <source>The clock stands still for %1.</source>
        <translation>因%1暂停计时。</translation>
    </message>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="78"/>
        <source>The clock stands still.</source>
        <translation>暂停计时中。</translation>
    </message>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="79"/>
        <source>The clock runs.</source>
        <translation>正常计时中。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/ClockDialog.cpp" line="81"/>
        <source>Extended by %n working day(s).</source>
        <translation>
            <numerusform>已延期 %n 个工作日。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="82"/>
        <source>Case %1 — %2. Promised by %3, legal limit %4. %5</source>
        <translation>办件 %1 — %2。承诺办结日期 %3，法定办结期限 %4。%5</translation>
    </message>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="84"/>
        <location filename="../app/ui/ClockDialog.cpp" line="85"/>
        <source>(stopped)</source>
        <translation>（已暂停）</translation>
    </message>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="102"/>
        <source>The clock of case %1 stands still; the %2 is printed.</source>
        <translation>办件 %1 已暂停计时；%2已打印。</translation>
    </message>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="103"/>
        <source>The clock of case %1 stands still; the notice was not printed: %2</source>
        <translation>办件 %1 已暂停计时；告知书未打印：%2</translation>
    </message>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="118"/>
        <source>The clock of case %1 runs again; it is now promised by %2.</source>
        <translation>办件 %1 已恢复计时；现承诺办结日期为 %2。</translation>
    </message>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="133"/>
        <source>Case %1 is extended; it is now promised by %2. The %3 is printed.</source>
        <translation>办件 %1 已延期；现承诺办结日期为 %2。%3已打印。</translation>
    </message>
    <message>
        <location filename="../app/ui/ClockDialog.cpp" line="135"/>
        <source>Case %1 is extended; the notice was not printed: %2</source>
        <translation>办件 %1 已延期；告知书未打印：%2</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::ConflictDialog</name>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="22"/>
        <source>Resolve a conflict — case %1, %2</source>
        <translation>处理冲突 — 办件 %1，%2</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="24"/>
        <source>Two workstations recorded contradictory steps for this case while they were apart. Every step stays in the record; choose the one that holds. Until then nobody can work on the case.</source>
        <translation>两个工作站在离线期间为本办件记录了相互矛盾的办理步骤。所有步骤均保留在记录中；请选择其中有效的一项。处理之前，任何人都不能办理该办件。</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="52"/>
        <source>Approved</source>
        <translation>准予许可</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="54"/>
        <source>Refused</source>
        <translation>不予许可</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="56"/>
        <source>Intake outcome %1</source>
        <translation>受理结果 %1</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="60"/>
        <source>%1 — workstation %2, %3</source>
        <translation>%1 — 工作站 %2，%3</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="61"/>
        <source> — reasons: %1</source>
        <translation> — 理由：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="72"/>
        <source>Contradictory decisions</source>
        <translation>相互矛盾的审批决定</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="73"/>
        <source>Contradictory intake outcomes</source>
        <translation>相互矛盾的受理结果</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="93"/>
        <source> — by %1</source>
        <translation> — 经办人：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="107"/>
        <source>Choose the step that holds.</source>
        <translation>请选择有效的步骤。</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="119"/>
        <source>The conflict is resolved; the case goes on.</source>
        <translation>冲突已处理，办件继续办理。</translation>
    </message>
    <message>
        <location filename="../app/ui/ConflictDialog.cpp" line="120"/>
        <source>Resolved; another conflict of this case remains.</source>
        <translation>已处理；本办件仍有其他冲突待处理。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::CounterBar</name>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="34"/>
        <source>Read ID card (F7)</source>
        <translation>读取身份证（F7）</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="35"/>
        <source>Camera (F8)</source>
        <translation>高拍仪（F8）</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="36"/>
        <source>Applicant screen (F9)</source>
        <translation>申请人屏幕（F9）</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="37"/>
        <source>Next applicant (F12)</source>
        <translation>下一位申请人（F12）</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="43"/>
        <source>type or scan</source>
        <translation>输入或扫描</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="52"/>
        <source>Devices…</source>
        <translation>设备…</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="57"/>
        <source>Ticket (F6):</source>
        <translation>排队号（F6）：</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="100"/>
        <source>The camera&apos;s file %1 was not taken: %2.</source>
        <translation>未采用高拍仪文件 %1：%2。</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="104"/>
        <source>The next ticket was not called: %1</source>
        <translation>未能呼叫下一个排队号：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="106"/>
        <source>The next ticket was called.</source>
        <translation>已呼叫下一个排队号。</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="114"/>
        <source>The applicant rated the service: %1.</source>
        <translation>申请人对服务的评价：%1。</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="185"/>
        <source>Calling the next ticket…</source>
        <translation>正在呼叫下一个排队号…</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="223"/>
        <source>ID card of %1 read: the details are in the form.</source>
        <translation>已读取 %1 的身份证：信息已填入表单。</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="230"/>
        <source>Select the material the pages belong to first (F4).</source>
        <translation>请先选择页面所属的材料（F4）。</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="273"/>
        <source>Unable to read the camera&apos;s file %1: %2</source>
        <translation>无法读取高拍仪文件 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="288"/>
        <source>The camera&apos;s file %1 was attached but could not be removed from %2.</source>
        <translation>高拍仪文件 %1 已附上，但无法从 %2 中删除。</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="336"/>
        <source>ID number read by the card reader (keyboard mode).</source>
        <translation>由身份证阅读器读取的身份证号码（键盘模式）。</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="370"/>
        <source>Counter devices</source>
        <translation>窗口设备</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="395"/>
        <source>Open at start</source>
        <translation>启动时打开</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="409"/>
        <source>ID card reader port:</source>
        <translation>身份证阅读器端口：</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="410"/>
        <source>Reader speed (baud):</source>
        <translation>阅读器速率（波特）：</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="411"/>
        <source>Camera program&apos;s folder:</source>
        <translation>高拍仪程序的文件夹：</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="412"/>
        <source>Calling system (URL or command):</source>
        <translation>叫号系统（URL 或命令）：</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="413"/>
        <source>Calling time limit:</source>
        <translation>叫号时限：</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="414"/>
        <source>This window&apos;s name:</source>
        <translation>本窗口名称：</translation>
    </message>
    <message>
        <location filename="../app/ui/CounterBar.cpp" line="415"/>
        <source>Applicant&apos;s screen:</source>
        <translation>申请人屏幕：</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::DecisionDialog</name>
    <message>
        <location filename="../app/ui/DecisionDialog.cpp" line="50"/>
        <source>There is no such case.</source>
        <translation>不存在该办件。</translation>
    </message>
    <message>
        <location filename="../app/ui/DecisionDialog.cpp" line="53"/>
        <source>Decision — %1</source>
        <translation>审批决定 — %1</translation>
    </message>
    <message>
        <location filename="../app/ui/DecisionDialog.cpp" line="66"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../app/ui/DecisionDialog.cpp" line="108"/>
        <source>Approved. Type your password to apply the seal.</source>
        <translation>已准予许可。请输入密码以用印。</translation>
    </message>
    <message>
        <location filename="../app/ui/DecisionDialog.cpp" line="109"/>
        <source>Refused. Type your password to apply the seal to the refusal.</source>
        <translation>已决定不予许可。请输入密码，在不予许可决定书上用印。</translation>
    </message>
    <message>
        <location filename="../app/ui/DecisionDialog.cpp" line="125"/>
        <source>The seal was applied to the %1 and entered in the seal register.</source>
        <translation>已在《%1》上用印，并已记入用印登记。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::DocumentCameraDialog</name>
    <message>
        <location filename="../app/ui/DocumentCameraDialog.cpp" line="22"/>
        <source>Capture page (Space)</source>
        <translation>拍摄页面（空格键）</translation>
    </message>
    <message>
        <location filename="../app/ui/DocumentCameraDialog.cpp" line="24"/>
        <source>Document camera — %1</source>
        <translation>高拍仪 — %1</translation>
    </message>
    <message>
        <location filename="../app/ui/DocumentCameraDialog.cpp" line="33"/>
        <source>No camera found. Connect the document camera by USB and open this again, or attach a scanned file with Ctrl+O.</source>
        <translation>未找到高拍仪。请通过 USB 连接高拍仪后重新打开，或按 Ctrl+O 附上扫描文件。</translation>
    </message>
    <message>
        <location filename="../app/ui/DocumentCameraDialog.cpp" line="35"/>
        <source>No camera found. Connect the document camera by USB and open this again; pages its own program saves to %1 are attached to the selected material by themselves.</source>
        <translation>未找到高拍仪。请通过 USB 连接高拍仪后重新打开；其自带程序保存到 %1 的页面会自动附到所选材料上。</translation>
    </message>
    <message>
        <location filename="../app/ui/DocumentCameraDialog.cpp" line="57"/>
        <source>The camera could not capture: %1</source>
        <translation>高拍仪无法拍摄：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/DocumentCameraDialog.cpp" line="60"/>
        <source>The camera failed: %1</source>
        <translation>高拍仪故障：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/DocumentCameraDialog.cpp" line="63"/>
        <source>%1: place the page and press Space. Pages captured: 0.</source>
        <translation>%1：请放好页面后按空格键。已拍摄页数：0。</translation>
    </message>
    <message>
        <location filename="../app/ui/DocumentCameraDialog.cpp" line="97"/>
        <source>The camera is not ready yet; press Space again in a moment.</source>
        <translation>高拍仪尚未就绪；请稍后再按空格键。</translation>
    </message>
    <message>
        <location filename="../app/ui/DocumentCameraDialog.cpp" line="121"/>
        <source>The captured page could not be encoded.</source>
        <translation>无法对拍摄的页面进行编码。</translation>
    </message>
    <message>
        <location filename="../app/ui/DocumentCameraDialog.cpp" line="126"/>
        <source>Pages captured: %1. Place the next page and press Space, or close.</source>
        <translation>已拍摄页数：%1。请放好下一页并按空格键，或关闭窗口。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::EventLogModel</name>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="55"/>
        <source>accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="56"/>
        <source>accepted, materials deferred</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="57"/>
        <source>accepted on commitment</source>
        <translation>告知承诺受理</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="58"/>
        <source>one-time notice of missing materials</source>
        <translation>一次性告知缺少的材料</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="59"/>
        <source>not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="60"/>
        <source>completed at the window</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="61"/>
        <source>notice printed</source>
        <translation>已打印告知书</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="62"/>
        <source>applicant registered</source>
        <translation>已登记申请人</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="63"/>
        <source>applicant&apos;s details changed</source>
        <translation>申请人信息已变更</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="64"/>
        <source>review passed</source>
        <translation>审查通过</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="65"/>
        <source>correction requested</source>
        <translation>已要求补正</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="66"/>
        <source>correction received</source>
        <translation>已收到补正材料</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="67"/>
        <source>refusal proposed</source>
        <translation>已建议不予许可</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="68"/>
        <source>site visit scheduled</source>
        <translation>已安排现场勘验</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="69"/>
        <source>site visit passed</source>
        <translation>现场勘验合格</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="70"/>
        <source>site visit failed</source>
        <translation>现场勘验不合格</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="71"/>
        <source>rectification required</source>
        <translation>需整改</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="72"/>
        <source>rectification closed</source>
        <translation>整改完成</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="73"/>
        <source>approved</source>
        <translation>准予许可</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="74"/>
        <source>refused</source>
        <translation>不予许可</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="75"/>
        <source>seal applied</source>
        <translation>已用印</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="76"/>
        <source>certificate numbered</source>
        <translation>已取证照编号</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="77"/>
        <source>certificate printed</source>
        <translation>已制证</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="78"/>
        <source>certificate reprinted</source>
        <translation>证照已重新打印</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="79"/>
        <source>certificate voided</source>
        <translation>证照已作废</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="80"/>
        <source>certificate handed over</source>
        <translation>证照已交付</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="81"/>
        <source>owed material handed in</source>
        <translation>已补交容缺材料</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="82"/>
        <source>scan attached</source>
        <translation>已附加扫描件</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="83"/>
        <source>conflict resolved</source>
        <translation>冲突已解决</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="84"/>
        <source>signing key registered</source>
        <translation>已登记签名密钥</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="85"/>
        <source>user created</source>
        <translation>已创建用户</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="86"/>
        <source>logged in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="87"/>
        <source>password changed</source>
        <translation>已修改密码</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="88"/>
        <source>roles changed</source>
        <translation>角色已变更</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="89"/>
        <source>password reset at the hub</source>
        <translation>已在中心服务器重置密码</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="90"/>
        <source>every first signing key must be proved</source>
        <translation>每个首个签名密钥须经证明</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="103"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="104"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="105"/>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="106"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/ui/EventLogModel.cpp" line="107"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::InspectionDialog</name>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="78"/>
        <source>There is no such case.</source>
        <translation>不存在该办件。</translation>
    </message>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="81"/>
        <source>Site inspection — %1</source>
        <translation>现场勘验 — %1</translation>
    </message>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="149"/>
        <source>Visit scheduled for %1, covering %2.</source>
        <translation>已安排于 %1 勘验，涵盖：%2。</translation>
    </message>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="149"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/InspectionDialog.cpp" line="152"/>
        <source>Visit scheduled for %1, covering %n case(s).</source>
        <translation>
            <numerusform>已安排于 %1 勘验，共%n个办件。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="163"/>
        <source>Unable to read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="182"/>
        <source>Evidence</source>
        <translation>证据文件</translation>
    </message>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="182"/>
        <source>Photos, videos and PDFs (*.jpg *.jpeg *.png *.mp4 *.mov *.pdf);;All files (*)</source>
        <translation>照片、视频和 PDF (*.jpg *.jpeg *.png *.mp4 *.mov *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="192"/>
        <source>Inspection passed; the case goes to the approver.</source>
        <translation>勘验合格；办件转交审批人员。</translation>
    </message>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="193"/>
        <source>Inspection failed; the approver decides.</source>
        <translation>勘验不合格；由审批人员作出决定。</translation>
    </message>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="202"/>
        <source>Rectification required; the clock stands still until the evidence arrives.</source>
        <translation>已要求限期整改；收到整改证据前暂停计时。</translation>
    </message>
    <message>
        <location filename="../app/ui/InspectionDialog.cpp" line="211"/>
        <source>Rectification closed from the evidence; due now on %1.</source>
        <translation>已凭证据确认整改完成；承诺办结日期现为 %1。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::IntakeWorkbench</name>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="363"/>
        <source>[bundle] %1 — %2</source>
        <translation>【一件事】%1 — %2</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="364"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="382"/>
        <source>No matter or bundle has the code %1.</source>
        <translation>没有编码为 %1 的事项或“一件事”套餐。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/IntakeWorkbench.cpp" line="398"/>
        <source>Bundle of %n matter(s); shared materials are collected once.</source>
        <translation>
            <numerusform>“一件事”套餐，含%n个事项；共用材料只收取一次。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="399"/>
        <source>Instant matter (即办件): completed at the window.</source>
        <translation>即办件：窗口当场办结。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="400"/>
        <source>Promised: %1 working days, by %2 · legal: %3 working days, by %4</source>
        <translation>承诺时限：%1个工作日，%2前办结 · 法定时限：%3个工作日，%4前办结</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="405"/>
        <source>Risk level: %1</source>
        <translation>风险等级：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="455"/>
        <source>Returning applicant: details filled in from the record.</source>
        <translation>已办理过业务的申请人：已按既有记录填入信息。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/IntakeWorkbench.cpp" line="459"/>
        <source>Returning applicant: details filled in from the record. They owe %n material(s) (容缺).</source>
        <translation>
            <numerusform>老申请人：已根据记录填写信息。其有 %n 份容缺材料待补交（容缺）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="472"/>
        <source>New organisation: enter its name and phone.</source>
        <translation>新单位：请输入单位名称和联系电话。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="473"/>
        <source>New applicant: enter the name and phone.</source>
        <translation>新申请人：请输入姓名和联系电话。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="549"/>
        <source>Choose the matter or bundle first (F2).</source>
        <translation>请先选择事项或“一件事”套餐（F2）。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="587"/>
        <source>Accept again?</source>
        <translation>再次受理？</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="589"/>
        <source>&amp;Accept again</source>
        <translation>再次受理(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="590"/>
        <source>&amp;Do not accept</source>
        <translation>不受理(&amp;D)</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="592"/>
        <source>Not accepted again: %1</source>
        <translation>未再次受理：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="611"/>
        <source>Case %1 recorded: %2 printed.</source>
        <translation>办件 %1 已登记，已打印《%2》。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="613"/>
        <source>Case %1 recorded and its %2 printed, but the print was not recorded: %3</source>
        <translation>办件 %1 已登记，%2 已打印，但打印未能记录：%3</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="617"/>
        <source>Case %1 recorded. The %2 was not printed: print it from the case lookup.</source>
        <translation>办件 %1 已登记，但《%2》未打印：请在办件查询中打印。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="659"/>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="670"/>
        <source>Select the material the scan belongs to first.</source>
        <translation>请先选择扫描件所属的材料。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="626"/>
        <source>Unable to read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="248"/>
        <source>Read from the ID card</source>
        <translation>读取自身份证</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="266"/>
        <source>Give the sex as 男 or 女 (1 or 2).</source>
        <translation>请将性别填写为男或女（1 或 2）。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="284"/>
        <source>&quot;%1&quot; is not a date: write it as 1990-03-07.</source>
        <translation>“%1”不是有效日期：请按 1990-03-07 的格式填写。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="323"/>
        <source>%1 (&amp;K):</source>
        <translation>%1(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="324"/>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="630"/>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="641"/>
        <source>The file %1 is larger than 20 MB; scan it at a lower resolution.</source>
        <translation>文件 %1 超过 20 MB，请降低分辨率重新扫描。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="649"/>
        <source>The file %1 is neither an image nor a PDF.</source>
        <translation>文件 %1 既不是图片，也不是 PDF。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="684"/>
        <source>Attached %1 to &quot;%2&quot;.</source>
        <translation>已将 %1 附加到“%2”。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="739"/>
        <source>name on the card</source>
        <translation>身份证上的姓名</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="741"/>
        <source>address on the card</source>
        <translation>身份证上的地址</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="779"/>
        <source>Select the owed material the scan belongs to first.</source>
        <translation>请先选择扫描件所属的容缺材料。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="788"/>
        <source>Attached %1 to &quot;%2&quot; of case %3; Enter records its arrival.</source>
        <translation>已将 %1 附到办件 %3 的“%2”；按 Enter 登记送达。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="798"/>
        <source>Select the owed material that was handed in first.</source>
        <translation>请先选择已送达的容缺材料。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="813"/>
        <source>The arrival of &quot;%1&quot; for case %2 is recorded and its receipt printed.</source>
        <translation>已登记办件 %2 的“%1”送达并打印收件凭证。</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="817"/>
        <source>The arrival of &quot;%1&quot; for case %2 is recorded; the receipt was not printed: %3</source>
        <translation>已登记办件 %2 的“%1”送达；收件凭证未打印：%3</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="835"/>
        <source>Attach a scan of the owed material</source>
        <translation>附上容缺材料的扫描件</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="841"/>
        <source>Attach a scan</source>
        <translation>附加扫描件</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="836"/>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="842"/>
        <source>Scans (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)</source>
        <translation>扫描件 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="854"/>
        <source>Scans of &quot;%1&quot;</source>
        <translation>“%1”的扫描件</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="869"/>
        <source>%1 (PDF, %2 KB)</source>
        <translation>%1（PDF，%2 KB）</translation>
    </message>
    <message>
        <location filename="../app/ui/IntakeWorkbench.cpp" line="874"/>
        <source>No scans attached to this material yet (Ctrl+O attaches one).</source>
        <translation>此材料尚未附加扫描件（按 Ctrl+O 附加）。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::LoginDialog</name>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="24"/>
        <source>Hall database: %1</source>
        <translation>大厅数据库：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="34"/>
        <source>OneSeal — Locked</source>
        <translation>OneSeal — 已锁定</translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="35"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="36"/>
        <source>The workstation was locked. Enter your password to go on.</source>
        <translation>工作站已锁定。请输入密码以继续。</translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="39"/>
        <source>Log &amp;out</source>
        <translation>注销(&amp;O)</translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="48"/>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="49"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/LoginDialog.cpp" line="77"/>
        <source>Too many wrong passwords. Try again in %n second(s).</source>
        <translation>
            <numerusform>密码错误次数过多，请在%n秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="96"/>
        <source>Your password must be changed before you can work.</source>
        <translation>您必须先修改密码才能开始工作。</translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="116"/>
        <source>The password is wrong.</source>
        <translation>密码错误。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::MainWindow</name>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="51"/>
        <source>OneSeal</source>
        <translation>OneSeal</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="51"/>
        <source>OneSeal — %1</source>
        <translation>OneSeal — %1</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="52"/>
        <source>Welcome, %1. You work here as: %2.</source>
        <translation>欢迎您，%1。您的工作角色：%2。</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="88"/>
        <source>Separatio&amp;n of steps…</source>
        <translation>岗位分离(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="120"/>
        <source>voided in the hall&apos;s register (or its approval revoked)</source>
        <translation>已在大厅登记中作废（或已撤销其行政许可）</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="128"/>
        <source>Intake</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="133"/>
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="185"/>
        <source>Work queue</source>
        <translation>工作队列</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="190"/>
        <source>Certificate window</source>
        <translation>制证窗口</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="194"/>
        <source>Seal register</source>
        <translation>用印登记</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="198"/>
        <source>Owed materials</source>
        <translation>容缺材料</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="203"/>
        <source>Pledge checks</source>
        <translation>事后核查</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="238"/>
        <source>%1 (%2) · workstation %3</source>
        <translation>%1（%2）· 工作站 %3</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="276"/>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="284"/>
        <location filename="../app/ui/MainWindow.cpp" line="292"/>
        <location filename="../app/ui/MainWindow.cpp" line="295"/>
        <source>Export bundle for the hub</source>
        <translation>导出发往中心服务器的离线数据包</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="286"/>
        <location filename="../app/ui/MainWindow.cpp" line="305"/>
        <source>OneSeal bundles (*.osb)</source>
        <translation>OneSeal 离线数据包 (*.osb)</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/MainWindow.cpp" line="296"/>
        <source>%n unsent event(s) written to %1. Take the file to the hub; the events count as sent once the hub&apos;s bundle comes back.</source>
        <translation>
            <numerusform>已将 %n 个未发送的事件写入 %1。请将该文件送交中心服务器；待中心服务器的离线数据包传回后，这些事件即视为已发送。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="305"/>
        <location filename="../app/ui/MainWindow.cpp" line="311"/>
        <location filename="../app/ui/MainWindow.cpp" line="314"/>
        <source>Import bundle from the hub</source>
        <translation>导入中心服务器的离线数据包</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="315"/>
        <source>This bundle was imported before; nothing changed.</source>
        <translation>该离线数据包此前已导入，未作任何改动。</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="316"/>
        <source>%1 new event(s) from the hub; %2 of this workstation&apos;s events acknowledged.</source>
        <translation>收到中心服务器的新事件 %1 个；本工作站有 %2 个事件获得确认。</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="327"/>
        <source>About OneSeal</source>
        <translation>关于 OneSeal</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="328"/>
        <source>&lt;b&gt;OneSeal&lt;/b&gt; %1&lt;br&gt;Window-staff client for one-seal government service halls.</source>
        <translation>&lt;b&gt;OneSeal&lt;/b&gt; %1&lt;br&gt;“一枚印章管审批”政务服务大厅窗口工作人员客户端。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::OwedLedgerWidget</name>
    <message numerus="yes">
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="70"/>
        <source>%n material(s) owed</source>
        <translation>
            <numerusform>%n 份容缺材料</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="71"/>
        <source>, %n overdue</source>
        <translation>
            <numerusform>，%n 份已逾期</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="83"/>
        <source>Terminate or revoke and seal (Ctrl+T)</source>
        <translation>终止办理或撤销并用印（Ctrl+T）</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="84"/>
        <source>Revoke the approval and seal (Ctrl+T)</source>
        <translation>撤销行政许可并用印（Ctrl+T）</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="85"/>
        <source>Terminate the case and seal (Ctrl+T)</source>
        <translation>终止办理并用印（Ctrl+T）</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="92"/>
        <source>Select the owed material whose case is to end.</source>
        <translation>请选择要终结其办件的容缺材料。</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="98"/>
        <source>Case %1 is no longer there.</source>
        <translation>办件 %1 已不存在。</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="105"/>
        <source>The password is wrong; nothing was changed.</source>
        <translation>密码错误；未作任何更改。</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="128"/>
        <source>The approval of case %1 is revoked; its certificate is void. The %2 is sealed.</source>
        <translation>办件 %1 的行政许可已撤销；其证照已作废。%2已用印。</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="130"/>
        <source>Case %1 is terminated. The %2 is sealed.</source>
        <translation>办件 %1 已终止办理。%2已用印。</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedLedgerWidget.cpp" line="133"/>
        <source>Case %1 is ended, but the seal was not applied: %2. Seal it from the decision window.</source>
        <translation>办件 %1 已终结，但未能用印：%2。请在审批决定窗口用印。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::OwedMaterialsModel</name>
    <message>
        <location filename="../app/ui/OwedMaterialsModel.cpp" line="61"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedMaterialsModel.cpp" line="62"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedMaterialsModel.cpp" line="63"/>
        <source>Owed material</source>
        <translation>容缺材料</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedMaterialsModel.cpp" line="64"/>
        <source>Due by</source>
        <translation>补交期限</translation>
    </message>
    <message>
        <location filename="../app/ui/OwedMaterialsModel.cpp" line="65"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::PledgeCheckWidget</name>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="23"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="23"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="23"/>
        <source>Holder</source>
        <translation>持证人</translation>
    </message>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="23"/>
        <source>Check</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="23"/>
        <source>Due by</source>
        <translation>核查期限</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="110"/>
        <source>%n pledge(s) to check or revoke</source>
        <translation>
            <numerusform>%n 件告知承诺待核查或撤销</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="137"/>
        <source>The pledge of case %1 is confirmed.</source>
        <translation>办件 %1 的告知承诺经核查属实。</translation>
    </message>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="144"/>
        <source>Case %1 must rectify by %2; it is checked again then.</source>
        <translation>办件 %1 须在 %2 前完成整改；届时将再次核查。</translation>
    </message>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="152"/>
        <source>The pledge of case %1 is recorded as false; an approver revokes the approval.</source>
        <translation>办件 %1 的告知承诺已登记为不实；由审批人员撤销行政许可。</translation>
    </message>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="162"/>
        <source>The password is wrong; nothing was changed.</source>
        <translation>密码错误；未作任何更改。</translation>
    </message>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="176"/>
        <source>The approval of case %1 is revoked; its certificate is void. The %2 is sealed.</source>
        <translation>办件 %1 的行政许可已撤销；其证照已作废。%2已用印。</translation>
    </message>
    <message>
        <location filename="../app/ui/PledgeCheckWidget.cpp" line="180"/>
        <source>The approval of case %1 is revoked, but the seal was not applied: %2</source>
        <translation>办件 %1 的行政许可已撤销，但未能用印：%2</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::QueueModel</name>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="35"/>
        <source>clock stopped</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="37"/>
        <source>OVERDUE</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="38"/>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="65"/>
        <source>Legal limit: %1</source>
        <translation>法定办结期限：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="67"/>
        <source>Promised date uncertain: %1</source>
        <translation>承诺办结日期不确定：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="80"/>
        <source> (uncertain)</source>
        <translation>（不确定）</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="82"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="95"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="96"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="97"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="98"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="99"/>
        <source>Promised by</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueModel.cpp" line="100"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::QueueReportDialog</name>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="25"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="25"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="25"/>
        <source>Served</source>
        <translation>已办理</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="25"/>
        <source>Waited (known)</source>
        <translation>有等候记录</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="25"/>
        <source>Wait mean (min)</source>
        <translation>平均等候（分钟）</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="25"/>
        <source>Wait 90% (min)</source>
        <translation>90% 等候（分钟）</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="26"/>
        <source>Served (called)</source>
        <translation>已叫号办理</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="26"/>
        <source>Service mean (min)</source>
        <translation>平均办理（分钟）</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="26"/>
        <source>Service 90% (min)</source>
        <translation>90% 办理（分钟）</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="26"/>
        <source>Rated</source>
        <translation>已评价</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="80"/>
        <source>%1 to %2: %3 ticket(s) served. Waiting (drawn to called): mean %4 min, 90% within %5 min. Service (called to recorded): mean %6 min, 90% within %7 min. %8 rating(s).</source>
        <translation>%1 至 %2：已办理排队号 %3 个。等候时长（取号至叫号）：平均 %4 分钟，90% 在 %5 分钟以内。办理时长（叫号至登记）：平均 %6 分钟，90% 在 %7 分钟以内。评价 %8 条。</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="102"/>
        <source>Whole period</source>
        <translation>整个期间</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="104"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="106"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="108"/>
        <source>Clerk</source>
        <translation>受理人员</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/QueueReportDialog.cpp" line="123"/>
        <source>Wrote the report of %n ticket(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 个排队号的报表写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="132"/>
        <source>Export the queue report</source>
        <translation>导出排队报表</translation>
    </message>
    <message>
        <location filename="../app/ui/QueueReportDialog.cpp" line="134"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::ReviewDialog</name>
    <message>
        <location filename="../app/ui/ReviewDialog.cpp" line="50"/>
        <source>There is no such case.</source>
        <translation>不存在该办件。</translation>
    </message>
    <message>
        <location filename="../app/ui/ReviewDialog.cpp" line="53"/>
        <source>Review — %1</source>
        <translation>审查 — %1</translation>
    </message>
    <message>
        <location filename="../app/ui/ReviewDialog.cpp" line="95"/>
        <source>Review of %1 passed; it goes to site inspection.</source>
        <translation>%1 审查通过；转入现场勘验。</translation>
    </message>
    <message>
        <location filename="../app/ui/ReviewDialog.cpp" line="96"/>
        <source>Review of %1 passed; it goes to the approver.</source>
        <translation>%1 审查通过；转交审批人员。</translation>
    </message>
    <message>
        <location filename="../app/ui/ReviewDialog.cpp" line="100"/>
        <source>Review passed; the case goes to site inspection.</source>
        <translation>审查通过；办件转入现场勘验。</translation>
    </message>
    <message>
        <location filename="../app/ui/ReviewDialog.cpp" line="101"/>
        <source>Review passed; the case goes to the approver.</source>
        <translation>审查通过；办件转交审批人员。</translation>
    </message>
    <message>
        <location filename="../app/ui/ReviewDialog.cpp" line="114"/>
        <source>Returned for correction; the clock stands still. The notice was printed.</source>
        <translation>已退回补正，暂停计时。通知书已打印。</translation>
    </message>
    <message>
        <location filename="../app/ui/ReviewDialog.cpp" line="115"/>
        <source>Returned for correction; the clock stands still. Print the notice from the case later.</source>
        <translation>已退回补正，暂停计时。请稍后在办件中打印通知书。</translation>
    </message>
    <message>
        <location filename="../app/ui/ReviewDialog.cpp" line="123"/>
        <source>The clock runs again; the case is now due on %1.</source>
        <translation>已恢复计时；办件的承诺办结日期现为 %1。</translation>
    </message>
    <message>
        <location filename="../app/ui/ReviewDialog.cpp" line="132"/>
        <source>Refusal proposed; the approver decides.</source>
        <translation>已建议不予许可；由审批人员作出决定。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::SealKeyDialog</name>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="59"/>
        <source>The hall&apos;s seal key signs every certificate. It is kept only sealed to the people you grant it to (certificate operators, approvers), who open it with their own password. Every grant and revocation is a signed event that reaches the hub and every workstation.</source>
        <translation>大厅的印章密钥用于签署每一份证照。该密钥仅以封装形式交给您授权的人员（制证员、审批人员），由其用本人密码打开。每次授权和撤销都是一条已签名的事件，会送达中心服务器和每个工作站。</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="62"/>
        <source>The hall&apos;s seal key, who holds it, and the users&apos; signing keys. Only an administrator grants or revokes the seal key.</source>
        <translation>大厅的印章密钥、其持有人以及各用户的签名密钥。只有管理员可以授予或撤销印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="79"/>
        <source>Key id</source>
        <translation>密钥标识</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="79"/>
        <source>Fingerprint (SHA-256)</source>
        <translation>指纹（SHA-256）</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="79"/>
        <source>Since</source>
        <translation>启用时间</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="82"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="82"/>
        <location filename="../app/ui/SealKeyDialog.cpp" line="85"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="82"/>
        <location filename="../app/ui/SealKeyDialog.cpp" line="85"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="82"/>
        <source>Granted at</source>
        <translation>授权时间</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="82"/>
        <source>Granted by</source>
        <translation>授权人</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="82"/>
        <source>Revoked</source>
        <translation>撤销情况</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="82"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="85"/>
        <source>User / signing key</source>
        <translation>用户/签名密钥</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="85"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="85"/>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="85"/>
        <source>Valid until</source>
        <translation>失效时间</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="142"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="154"/>
        <source>revoked %1 by %2</source>
        <translation>已于 %1 由 %2 撤销</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="155"/>
        <source>in force</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="171"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="173"/>
        <location filename="../app/ui/SealKeyDialog.cpp" line="178"/>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2（%3）</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="174"/>
        <source>%1 — %2 (%3; has not logged in yet)</source>
        <translation>%1 — %2（%3；尚未登录过）</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="180"/>
        <source>enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="180"/>
        <source>disabled since %1</source>
        <translation>自 %1 起停用</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="182"/>
        <source>; must change the password at the next login</source>
        <translation>；下次登录时须修改密码</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="184"/>
        <source>; holds the seal key</source>
        <translation>；持有印章密钥</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="186"/>
        <source>; no signing key yet (has not logged in)</source>
        <translation>；尚无签名密钥（尚未登录过）</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="190"/>
        <source>key %1</source>
        <translation>密钥 %1</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="191"/>
        <source>ended</source>
        <translation>已失效</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="191"/>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="194"/>
        <source>roles changed</source>
        <translation>角色已变更</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="195"/>
        <source>before: %1</source>
        <translation>变更前：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="208"/>
        <source>nobody: every certificate operator and approver holds it</source>
        <translation>无：所有制证员和审批人员均已持有</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="210"/>
        <source>nobody holds a grant</source>
        <translation>无人获得授权</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="225"/>
        <source>The seal key is granted to %1. They can sign certificates from their next use of it, on any workstation the grant reaches.</source>
        <translation>已向 %1 授予印章密钥。其下次使用印章密钥时即可签署证照，适用于该授权已送达的任何工作站。</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="243"/>
        <source>The grant of the seal key to %1 has ended; every workstation refuses their signatures from now on. They may still hold a copy they opened before: if that is a worry, make a new seal key.</source>
        <translation>%1 的印章密钥授权已终止；自即日起各工作站将拒绝其签名。其仍可能持有此前打开的副本：如有此顾虑，请生成新的印章密钥。</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="274"/>
        <source>The roles of %1 are now: %2. Their events count with these roles from now on; they see them at their next login.</source>
        <translation>%1 的角色现为：%2。自此其事件按这些角色认定；其下次登录时生效。</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="295"/>
        <source>The password of %1 is reset; they must change it at their next login.</source>
        <translation>%1 的密码已重置，须在下次登录时修改。</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="298"/>
        <source>%1 held the hall&apos;s seal key: that grant can no longer be opened. Grant it again after their next login.</source>
        <translation>%1 持有大厅的印章密钥：该授权已无法打开。请在其下次登录后重新授予。</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="309"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="323"/>
        <source>Export the hall&apos;s public seal keys</source>
        <translation>导出大厅的印章公钥</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="330"/>
        <source>Wrote the hall&apos;s public seal key(s) to %1. Hand it to verifiers with the list of voided certificates.</source>
        <translation>已将大厅的印章公钥写入 %1。请将其连同已作废证照清单一并交给验证方。</translation>
    </message>
    <message>
        <location filename="../app/ui/SealKeyDialog.cpp" line="345"/>
        <source>Write the signed list of voided certificates</source>
        <translation>导出已作废证照的签名清单</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/SealKeyDialog.cpp" line="353"/>
        <source>Wrote the signed list of %n voided certificate(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 份已作废证照的签名清单写入 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>oneseal::ui::SealRegisterWidget</name>
    <message>
        <location filename="../app/ui/SealRegisterWidget.cpp" line="22"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/ui/SealRegisterWidget.cpp" line="22"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../app/ui/SealRegisterWidget.cpp" line="22"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../app/ui/SealRegisterWidget.cpp" line="22"/>
        <source>Document SHA-256</source>
        <translation>文书 SHA-256</translation>
    </message>
    <message>
        <location filename="../app/ui/SealRegisterWidget.cpp" line="22"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../app/ui/SealRegisterWidget.cpp" line="23"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/ui/SealRegisterWidget.cpp" line="23"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../app/ui/SealRegisterWidget.cpp" line="24"/>
        <source>All documents</source>
        <translation>全部文书</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/SealRegisterWidget.cpp" line="67"/>
        <source>%n seal use(s)</source>
        <translation>
            <numerusform>共%n条用印记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/SealRegisterWidget.cpp" line="84"/>
        <source>Wrote %n seal use(s) to %1.</source>
        <translation>
            <numerusform>已将%n条用印记录写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/SealRegisterWidget.cpp" line="90"/>
        <source>Export the seal register</source>
        <translation>导出用印登记</translation>
    </message>
    <message>
        <location filename="../app/ui/SealRegisterWidget.cpp" line="91"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::SeparationDialog</name>
    <message>
        <location filename="../app/ui/SeparationDialog.cpp" line="17"/>
        <source>Steps</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../app/ui/SeparationDialog.cpp" line="17"/>
        <source>In this hall</source>
        <translation>本大厅设置</translation>
    </message>
    <message>
        <location filename="../app/ui/SeparationDialog.cpp" line="24"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../app/ui/SeparationDialog.cpp" line="62"/>
        <source>relaxed: one person may take both</source>
        <translation>已放宽：可由同一人承担</translation>
    </message>
    <message>
        <location filename="../app/ui/SeparationDialog.cpp" line="62"/>
        <source>separate people</source>
        <translation>由不同人员承担</translation>
    </message>
    <message>
        <location filename="../app/ui/SeparationDialog.cpp" line="66"/>
        <source>Relaxed by %1 at %2: %3</source>
        <translation>由 %1 于 %2 放宽：%3</translation>
    </message>
    <message>
        <location filename="../app/ui/SeparationDialog.cpp" line="67"/>
        <source>Every step of a case is done by a different person.</source>
        <translation>办件的每个环节均由不同人员办理。</translation>
    </message>
    <message>
        <location filename="../app/ui/SeparationDialog.cpp" line="79"/>
        <source>Choose a pair of steps first.</source>
        <translation>请先选择一个环节对。</translation>
    </message>
    <message>
        <location filename="../app/ui/SeparationDialog.cpp" line="92"/>
        <source>Relaxed: one person may now take both the %1.</source>
        <translation>已放宽：现在同一人可同时承担 %1 两个环节。</translation>
    </message>
    <message>
        <location filename="../app/ui/SeparationDialog.cpp" line="93"/>
        <source>Restored: the %1 are again done by different people.</source>
        <translation>已恢复：%1 重新由不同人员办理。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::SettingsDialog</name>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="16"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="26"/>
        <source>None: open the print preview</source>
        <translation>无：打开打印预览</translation>
    </message>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="31"/>
        <source>%1 (not installed)</source>
        <translation>%1（未安装）</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::ShiftHandoverDialog</name>
    <message>
        <location filename="../app/ui/ShiftHandoverDialog.cpp" line="18"/>
        <source>Print and &amp;confirm</source>
        <translation>打印并确认(&amp;C)</translation>
    </message>
    <message>
        <location filename="../app/ui/ShiftHandoverDialog.cpp" line="41"/>
        <source>Write the top sheet&apos;s number in digits, or leave it empty.</source>
        <translation>请用数字填写堆顶页的页号，或留空。</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::SyncStatusWidget</name>
    <message>
        <location filename="../app/ui/SyncStatusWidget.cpp" line="34"/>
        <source>Export bundle…</source>
        <translation>导出离线数据包…</translation>
    </message>
    <message>
        <location filename="../app/ui/SyncStatusWidget.cpp" line="40"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../app/ui/SyncStatusWidget.cpp" line="63"/>
        <source>Not connected to a hub</source>
        <translation>未连接中心服务器</translation>
    </message>
    <message>
        <location filename="../app/ui/SyncStatusWidget.cpp" line="65"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../app/ui/SyncStatusWidget.cpp" line="67"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../app/ui/SyncStatusWidget.cpp" line="69"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/SyncStatusWidget.cpp" line="70"/>
        <source>%n unsent</source>
        <translation>
            <numerusform>%n 个未发送</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/SyncStatusWidget.cpp" line="72"/>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location filename="../app/ui/SyncStatusWidget.cpp" line="74"/>
        <source>this computer&apos;s clock is ahead of the hub&apos;s</source>
        <translation>本机时钟快于中心服务器时钟</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/SyncStatusWidget.cpp" line="79"/>
        <source>unsent for over %n hour(s): export a bundle</source>
        <translation>
            <numerusform>未发送已超过 %n 小时：请导出离线数据包</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/SyncStatusWidget.cpp" line="80"/>
        <source>unsent for over %n minute(s): export a bundle</source>
        <translation>
            <numerusform>未发送已超过 %n 分钟：请导出离线数据包</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/SyncStatusWidget.cpp" line="82"/>
        <source>the hub was restored from a backup (%1); %n event(s) sent again</source>
        <translation>
            <numerusform>中心服务器已从备份恢复（%1）；已重新发送 %n 条事件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/SyncStatusWidget.cpp" line="88"/>
        <source>this workstation&apos;s certificate ends on %1: sync with the hub to renew it, or enroll again</source>
        <translation>本工作站的证书将于 %1 到期：请与中心服务器同步以续期，或重新注册</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::VerifyDialog</name>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="77"/>
        <source>No trusted key is loaded: every certificate will show as untrusted.</source>
        <translation>未加载受信任的密钥：所有证照都将显示为不受信任。</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="78"/>
        <source>Trusted keys: %1</source>
        <translation>受信任的密钥：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="125"/>
        <source>VOIDED: signed by this hall, but no longer valid. %1</source>
        <translation>已作废：由本大厅签署，但已失效。%1</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="127"/>
        <source>VALID: signed by this hall and in force.</source>
        <translation>有效：由本大厅签发且在有效期内。</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="129"/>
        <source>NOT TRUSTED: %1</source>
        <translation>不受信任：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="131"/>
        <location filename="../app/ui/VerifyDialog.cpp" line="159"/>
        <source>INVALID: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="133"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="142"/>
        <source>What the QR code says</source>
        <translation>二维码内容</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="143"/>
        <source>What the QR code claims (not confirmed)</source>
        <translation>二维码声称的内容（未经确认）</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="149"/>
        <source>no end date</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="169"/>
        <source>Unable to read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="175"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="189"/>
        <source>Open a certificate</source>
        <translation>打开证照</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="190"/>
        <source>Certificates (*.png *.jpg *.jpeg *.bmp *.pdf);;All files (*)</source>
        <translation>证照 (*.png *.jpg *.jpeg *.bmp *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="197"/>
        <source>Load the hall&apos;s public key</source>
        <translation>加载大厅的公钥</translation>
    </message>
    <message>
        <location filename="../app/ui/VerifyDialog.cpp" line="198"/>
        <source>Public keys (*.pem);;All files (*)</source>
        <translation>公钥 (*.pem);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>oneseal::ui::WorkQueueWidget</name>
    <message numerus="yes">
        <location filename="../app/ui/WorkQueueWidget.cpp" line="71"/>
        <source>%n case(s) waiting</source>
        <translation>
            <numerusform>待办办件%n件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/WorkQueueWidget.cpp" line="72"/>
        <source>, %n overdue</source>
        <translation>
            <numerusform>，其中%n件已超期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/WorkQueueWidget.cpp" line="91"/>
        <source>%n event(s) refused by the hall&apos;s rules (kept, not counted):</source>
        <translation>
            <numerusform>%n 个事件被本大厅规则拒绝（已保留，不计入）：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/WorkQueueWidget.cpp" line="94"/>
        <source>%1 from workstation %2, written as %3: %4</source>
        <translation>%1，来自工作站 %2，以 %3 名义写入：%4</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/WorkQueueWidget.cpp" line="97"/>
        <source>… and %n more (oneseal-admin verify-audit lists them all)</source>
        <translation>
            <numerusform>……另有 %n 个（oneseal-admin verify-audit 会全部列出）</numerusform>
        </translation>
    </message>
</context>
</TS>
