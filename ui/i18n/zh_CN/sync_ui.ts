<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../sync_ui.py" line="712"/>
        <source>Log in to head office</source>
        <extracomment>Login succeeded: the server&apos;s user object.</extracomment>
        <translation>登录总部</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="714"/>
        <source>Log in once so this computer can sync with head office.</source>
        <translation>登录一次，这台电脑就能与总部同步。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="718"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="719"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="720"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="722"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="746"/>
        <source>Enter the address head office gave you, starting with https://</source>
        <translation>请输入总部提供的地址，以 https:// 开头</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="753"/>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="759"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="794"/>
        <source>The server cannot be reached. Check the address and the network.</source>
        <translation>连不上服务器。请检查地址和网络。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../sync_ui.py" line="292"/>
        <source>Sync now</source>
        <extracomment>The state changed: &quot;idle&quot;, &quot;syncing&quot;, &quot;ok&quot;, &quot;offline&quot;, &quot;error&quot;, &quot;login&quot;, &quot;no_server&quot;. While syncing: stage (&quot;photos&quot;, &quot;push&quot;, &quot;pull&quot;, &quot;verify&quot;), done, total (-1: unknown). A login made another user this device&apos;s user (their pages may differ). A sync finished successfully (the report). The device&apos;s data was wiped (revoked device); the app should quit. The tray icon showing this controller&apos;s state (ui.tray), once installed.</extracomment>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="466"/>
        <source>This computer was removed</source>
        <translation>这台电脑已被移除</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="469"/>
        <source>The app will close after the data is deleted.</source>
        <translation>数据删除后程序将关闭。</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../sync_ui.py" line="494"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="496"/>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="498"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="500"/>
        <source>Log in to sync</source>
        <translation>请登录后同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="502"/>
        <source>Not connected to head office</source>
        <translation>未连接总部</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="504"/>
        <source>Sync problem</source>
        <translation>同步出错</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="505"/>
        <source>Ready to sync</source>
        <translation>可以同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="575"/>
        <source>Waiting to sync: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="580"/>
        <source>Unreadable values kept aside: %1</source>
        <translation>无法读取、已另存的值：%1</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="585"/>
        <source>Head office sent values this computer cannot read. The rows were kept readable and the original values set aside; see: fieldapp check</source>
        <translation>总部发来了本机无法读取的值。这些记录已修正为可读，原始值另行保存；详见：fieldapp check</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="593"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="597"/>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="608"/>
        <source>Sending photos</source>
        <translation>正在发送照片</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="609"/>
        <source>Sending changes</source>
        <translation>正在发送修改</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="610"/>
        <source>Receiving changes</source>
        <translation>正在接收更新</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="611"/>
        <source>Checking</source>
        <translation>正在核对</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="623"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="625"/>
        <source>Stop syncing; what was sent or received so far is kept</source>
        <translation>停止同步；已发送或已接收的内容会保留</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="629"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <location filename="../../sync_ui.py" line="87"/>
        <source>This computer waits for head office&apos;s approval. Ask head office to approve it, then log in again.</source>
        <extracomment>AuthError codes after which logging in again helps.</extracomment>
        <translation>这台电脑正在等待总部批准。请联系总部批准后再登录。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="94"/>
        <source>Head office has deactivated this account. What is on this computer stays.</source>
        <translation>总部已停用此账号。这台电脑上的数据会保留。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="99"/>
        <source>Head office has removed this computer from your account. The data on it will be deleted.</source>
        <translation>总部已把这台电脑从你的账号中移除。电脑上的数据将被删除。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="105"/>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="106"/>
        <source>Please log in again.</source>
        <translation>请重新登录。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="110"/>
        <source>Offline: the server cannot be reached. Your changes are kept on this computer and will sync later.</source>
        <translation>离线：连不上服务器。你的修改保存在本机，之后会同步。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="116"/>
        <source>The server has a problem right now. Sync will try again later.</source>
        <translation>服务器暂时出了问题，稍后会自动重试同步。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="120"/>
        <source>This app does not match the server&apos;s version. Please update it.</source>
        <translation>本程序版本与服务器不匹配，请更新程序。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="125"/>
        <source>This computer is already registered to another user.</source>
        <translation>这台电脑已登记给另一个用户。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="128"/>
        <source>The server refused the request.</source>
        <translation>服务器拒绝了请求。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="130"/>
        <source>The server&apos;s answer could not be understood. Nothing was changed.</source>
        <translation>无法理解服务器的回复，没有做任何修改。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="134"/>
        <source>Sync was stopped.</source>
        <translation>同步已停止。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="136"/>
        <source>Sync failed. Your changes are kept on this computer.</source>
        <translation>同步失败。你的修改保存在本机。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="139"/>
        <source>Sync failed because of an unexpected error. Nothing you saved is lost.</source>
        <translation>同步因意外错误失败。已保存的内容没有丢失。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="148"/>
        <source>Too many failed logins: this account is locked. Try again in %1 min, or ask head office to unlock it.</source>
        <translation>登录失败次数过多，此账号已被锁定。请 %1 分钟后再试，或请总部解锁。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="154"/>
        <source>Too many login attempts. Try again in %1 min.</source>
        <translation>登录尝试过多。请 %1 分钟后再试。</translation>
    </message>
    <message>
        <location filename="../../sync_ui.py" line="157"/>
        <source>Too many login attempts. Try again in %1 s.</source>
        <translation>登录尝试过多。请 %1 秒后再试。</translation>
    </message>
</context>
</TS>
