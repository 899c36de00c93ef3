<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>EventDetails</name>
    <message>
        <location filename="../../widgets/event_details.py" line="239" />
        <source>Venue shop</source>
        <translation>场地门店</translation>
    </message>
    <message>
        <location filename="../../widgets/event_details.py" line="240" />
        <source>Products to show</source>
        <translation>品鉴产品</translation>
    </message>
    <message>
        <location filename="../../widgets/event_details.py" line="241" />
        <source>Edit details</source>
        <translation>修改活动信息</translation>
    </message>
</context>
<context>
    <name>EventPage</name>
    <message>
        <location filename="../../widgets/event_details.py" line="73" />
        <source>Kind</source>
        <extracomment>The name of the field edited ("venue", "products" or a form field's name). The past event "Edit details" was pressed for (its form stays up). The form in use: a past event reads as a summary until "Edit details".</extracomment>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../widgets/event_details.py" line="74" />
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../widgets/event_details.py" line="83" />
        <source>Venue note</source>
        <translation>场地说明</translation>
    </message>
    <message>
        <location filename="../../widgets/event_details.py" line="84" />
        <source>Private room, or a place that is no shop</source>
        <translation>包间号，或不是门店的场地</translation>
    </message>
    <message>
        <location filename="../../widgets/event_details.py" line="86" />
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../widgets/event_details.py" line="87" />
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../widgets/event_details.py" line="88" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/event_details.py" line="91" />
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <location filename="../../widgets/event_details.py" line="97" />
        <source>Budget (yuan)</source>
        <translation>预算（元）</translation>
    </message>
</context>
</TS>